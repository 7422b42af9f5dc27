package org.latchkey.admin;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The users part of the console, through HTTP against the running application. */
@LatchkeyTest
@StorageInvariants
class UserAdministrationTests extends ConsoleScenarios {


	@Test
	void consoleOpensOnTheDashboardWithItsSubNavigation() {
		Page dashboard = this.admin.get("/admin");
		Page users = this.admin.get("/admin/users");

		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.document().select(".subnav a").eachAttr("href")).containsExactly("/admin",
				"/admin/users", "/admin/audit", "/admin/authentication", "/admin/applications", "/admin/outbox",
				"/admin/advanced");
		assertThat(dashboard.document().select(".subnav a[aria-current=page]").text()).isEqualTo("Dashboard");
		assertThat(users.document().select(".subnav a[aria-current=page]").text()).isEqualTo("Users");
	}

	@Test
	void administratorSearchesUsersByLoginNameOrEmailIgnoringCase() {
		String token = People.unique("findme");
		Account byLogin = invite("x" + token, "Someone", "someone@example.com");
		Account byName = invite(People.unique("y"), "Named " + token, "named@example.com");
		Account byEmail = invite(People.unique("z"), "Reached", token + "@Example.com");
		invite(People.unique("w"), "Unrelated", "unrelated@example.com");

		Page all = this.admin.get("/admin/users?q=" + token.toUpperCase());
		Page loginOnly = this.admin.get("/admin/users?q=X" + token.toUpperCase());

		assertThat(Console.logins(all)).containsExactlyInAnyOrder(byLogin.login(), byName.login(),
				byEmail.login());
		assertThat(all.text()).contains("3 users");
		assertThat(Console.logins(loginOnly)).containsExactly(byLogin.login());
		assertThat(this.admin.get("/admin/users?q=nobody-" + token).text()).contains("No user matches");
	}

	@Test
	void listIsPagedWhenThereAreMoreUsersThanAPageHolds() {
		String token = People.unique("paged");
		for (int i = 1; i <= UsersController.PAGE_SIZE + 1; i++) {
			invite(People.unique("p"), "%s %02d".formatted(token, i), "paged@example.com");
		}

		Page first = this.admin.get("/admin/users?q=" + token);
		Page second = this.admin.get(first.document().selectFirst(".pager a[rel=next]").attr("href"));

		assertThat(Console.names(first)).hasSize(UsersController.PAGE_SIZE).startsWith(token + " 01");
		assertThat(Console.pager(first)).contains("Page 1 of 2").contains("Next").doesNotContain("Previous");
		assertThat(Console.names(second)).containsExactly(token + " 21");
		assertThat(Console.pager(second)).contains("Page 2 of 2").contains("Previous").doesNotContain("Next");
		assertThat(Console.names(this.admin.get("/admin/users?q=" + token + "&page=50")))
			.containsExactly(token + " 21");
	}

	@Test
	void administratorCreatesAnInvitedUserAndTheCreationIsAudited() {
		String login = People.unique("nina");

		Page answer = this.admin.get("/admin/users/new")
			.form("form[action=/admin/users]")
			.set("login", login)
			.set("displayName", "Nina Simone")
			.set("businessEmail", "nina@example.com")
			.set("role", "USER")
			.submit();

		Account nina = this.accounts.findByLogin(login).orElseThrow();
		assertThat(nina.status()).isEqualTo(AccountStatus.INVITED);
		assertThat(nina.displayName()).isEqualTo("Nina Simone");
		assertThat(answer.location()).isEqualTo("/admin/users/" + nina.id());
		assertThat(answer.follow().text()).contains("The user was created").contains("First login");
		assertThat(Console.auditRows(this.admin.get("/admin/audit?event=ACCOUNT_CREATED&user=" + login)))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.event()).isEqualTo("ACCOUNT_CREATED");
				assertThat(row.outcome()).isEqualTo("Success");
				assertThat(row.actor()).isEqualTo(this.ada.login());
				assertThat(row.subject()).isEqualTo(login);
				assertThat(row.ip()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
			});
	}

	@Test
	void administratorEditsNameEmailAndRoleAndTheChangeIsAudited() {
		Account alice = People.alice(this.accounts);

		Page answer = profile(alice).form("form[action=/admin/users/" + alice.id() + "]")
			.set("displayName", "Alice Durand")
			.set("businessEmail", "alice.durand@example.com")
			.set("role", "ADMINISTRATOR")
			.submit();

		assertThat(answer.location()).isEqualTo("/admin/users/" + alice.id());
		assertThat(answer.follow().text()).contains("The changes were saved").contains("Alice Durand");
		Account edited = this.accounts.findById(alice.id()).orElseThrow();
		assertThat(edited.displayName()).isEqualTo("Alice Durand");
		assertThat(edited.businessEmail()).isEqualTo("alice.durand@example.com");
		assertThat(edited.role()).isEqualTo(Role.ADMINISTRATOR);
		assertThat(Console.auditRows(this.admin.get("/admin/audit?event=ACCOUNT_UPDATED&user=" + alice.login())))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.actor()).isEqualTo(this.ada.login());
				assertThat(row.detail()).isEqualTo("role USER -> ADMINISTRATOR");
			});
	}

	@Test
	void changingTheRoleOfAnAdministratorEndsTheirSessionsAtOnce() {
		Account grace = People.ada(this.accounts);
		Browser graceBrowser = Console.signedIn(this.port, grace);
		assertThat(graceBrowser.get("/admin/users").status()).isEqualTo(200);

		profile(grace).form("form[action=/admin/users/" + grace.id() + "]").set("role", "USER").submit();

		Page next = graceBrowser.get("/admin/users");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).startsWith("/login");
	}

	@Test
	void disabledUserCannotSignInUntilEnabledAndBothChangesAreAudited() {
		Account alice = People.alice(this.accounts);
		Browser aliceBrowser = Console.signedIn(this.port, alice);

		Page disabled = profile(alice).form("form[action$=/disable]").submit();

		assertThat(disabled.location()).isEqualTo("/admin/users/" + alice.id());
		assertThat(disabled.follow().text()).contains("The account was disabled").contains("Disabled");
		assertThat(this.accounts.findById(alice.id()).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);
		assertThat(aliceBrowser.get("/").location()).startsWith("/login");
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?disabled");

		Page enabled = profile(alice).form("form[action$=/enable]").submit();

		assertThat(enabled.follow().text()).contains("The account was enabled");
		assertThat(this.accounts.findById(alice.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(Console.auditRows(this.admin.get("/admin/audit?user=" + alice.login())))
			.filteredOn(row -> row.event().startsWith("ACCOUNT_"))
			.extracting(AuditRow::event, AuditRow::actor)
			.containsExactly(tuple("ACCOUNT_ENABLED", this.ada.login()),
					tuple("ACCOUNT_DISABLED", this.ada.login()),
					tuple("ACCOUNT_CREATED", ""));
	}

	@Test
	void administratorCannotDisableThemselves() {
		Page profile = profile(this.ada);
		assertThat(profile.document().select("form[action$=/disable]")).isEmpty();
		assertThat(profile.text()).contains("This is your own account");

		Page answer = this.admin.post("/admin/users/" + this.ada.id() + "/disable",
				Map.of("_csrf", profile.csrf()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.document().selectFirst("#status-error").text())
			.contains("You cannot disable your own account");
		assertThat(this.accounts.findById(this.ada.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(this.admin.get("/admin/users").status()).isEqualTo(200);
	}

	@Test
	void administratorCannotRemoveTheirOwnAdministratorRole() {
		Page answer = profile(this.ada).form("form[action=/admin/users/" + this.ada.id() + "]")
			.set("displayName", "Ada King")
			.set("role", "USER")
			.submit();

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.document().selectFirst("#role-error").text())
			.contains("You cannot remove your own administrator role");
		assertThat(answer.document().selectFirst("select#role").attr("aria-invalid")).isEqualTo("true");
		Account unchanged = this.accounts.findById(this.ada.id()).orElseThrow();
		assertThat(unchanged.role()).isEqualTo(Role.ADMINISTRATOR);
		assertThat(unchanged.displayName()).isEqualTo("Ada Lovelace");
		assertThat(this.admin.get("/admin/users").status()).isEqualTo(200);
	}

	@Test
	void administratorMayStillEditTheirOwnNameAndEmail() {
		Page answer = profile(this.ada).form("form[action=/admin/users/" + this.ada.id() + "]")
			.set("displayName", "Ada King")
			.submit();

		assertThat(answer.status()).isEqualTo(302);
		assertThat(this.accounts.findById(this.ada.id()).orElseThrow().displayName()).isEqualTo("Ada King");
	}

	@Test
	void plainUserGetsTheProductsForbiddenPageOnEveryConsolePageAndAction() {
		Account alice = People.alice(this.accounts);
		Account bob = People.alice(this.accounts);
		Browser browser = Console.signedIn(this.port, alice);

		for (String path : new String[] { "/admin", "/admin/users", "/admin/audit", "/admin/users/" + bob.id() }) {
			Page answer = browser.get(path);
			assertThat(answer.status()).as(path).isEqualTo(403);
			assertThat(answer.text()).as(path).contains("You do not have access to this page");
			assertThat(answer.document().select("link[href$=latchkey.css]")).as(path).isNotEmpty();
		}
		Page post = browser.post("/admin/users/" + bob.id() + "/disable", Map.of("_csrf", browser.get("/").csrf()));
		assertThat(post.status()).isEqualTo(403);
		assertThat(post.text()).contains("You do not have access to this page");
		assertThat(this.accounts.findById(bob.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
	}

	@Test
	void anonymousVisitorIsSentToTheSignInPage() {
		Browser browser = new Browser(this.port);

		for (String path : new String[] { "/admin", "/admin/users", "/admin/audit", "/admin/users/new" }) {
			Page answer = browser.get(path);
			assertThat(answer.status()).as(path).isEqualTo(302);
			assertThat(answer.location()).as(path).isEqualTo("/login");
		}
	}

	@Test
	void consoleSpeaksFrench() {
		this.admin.acceptLanguage("fr");

		assertThat(this.admin.get("/admin/users").document().select("h1").text()).isEqualTo("Utilisateurs");
		assertThat(this.admin.get("/admin/audit").document().select("h1").text()).isEqualTo("Journal d\u2019audit");
		assertThat(this.admin.get("/admin/users/new").document().select("label[for=login]").text())
			.isEqualTo("Identifiant");
	}

	private Page profile(Account account) {
		Page page = this.admin.get("/admin/users/" + account.id());
		assertThat(page.status()).isEqualTo(200);
		return page;
	}

	private Account invite(String login, String name, String email) {
		return this.accounts.invite(new NewAccount(login, name, email, Role.USER));
	}

}
