package org.latchkey.admin;

import java.util.List;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Role;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.FirstLoginLinks;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing users from CSV text in the console: a dry run that reports each line, an import that creates and
 * invites everyone (their invitation emails read from a real SMTP server), and a text with a bad line that
 * creates nobody. On both engines: what the import leaves in the database is the point.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH, FirstLoginLinks.PUBLIC_ADDRESS })
class UserImportTests extends ApplicationScenarios {

	final Mailbox mailbox = Mailbox.shared();

	Account ada;

	Browser admin;

	String token;

	@BeforeEach
	void signInAsAdministrator() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.ada = People.ada(this.accounts);
		this.admin = Console.signedIn(this.port, this.ada);
		this.token = People.unique("csv");
	}

	@Test
	void dryRunReportsEveryLineAndCreatesNobody() {
		String csv = """
				login,name,email,role
				ann-%1$s,Ann Smith,ann-%1$s@example.com,USER
				"bob-%1$s","Builder, Bob",bob-%1$s@example.com,administrator
				""".formatted(this.token);

		Page report = submit(csv, "check");

		assertThat(report.status()).isEqualTo(200);
		assertThat(report.text()).contains("2 users can be imported");
		assertThat(lines(report)).containsExactly("2 ann-" + this.token + " Ready", "3 bob-" + this.token + " Ready");
		assertThat(report.document().selectFirst("#csv").text()).as("the text stays for the import").contains("Ann Smith");
		assertThat(this.accounts.findByLogin("ann-" + this.token)).isEmpty();
	}

	@Test
	void importCreatesAndInvitesEveryUser() {
		String csv = """
				ann-%1$s,Ann Smith,ann-%1$s@example.com,USER
				"bob-%1$s","Builder, Bob",bob-%1$s@example.com,ADMINISTRATOR
				cy-%1$s,Cy Young,cy-%1$s@example.com
				""".formatted(this.token);

		Page answer = submit(csv, "import");

		assertThat(answer.location()).isEqualTo("/admin/users?status=INVITED");
		assertThat(answer.follow().text()).contains("3 users were created and invited");
		Account bob = this.accounts.findByLogin("bob-" + this.token).orElseThrow();
		assertThat(bob.displayName()).isEqualTo("Builder, Bob");
		assertThat(bob.role()).isEqualTo(Role.ADMINISTRATOR);
		assertThat(bob.status()).isEqualTo(AccountStatus.INVITED);
		assertThat(this.accounts.findByLogin("cy-" + this.token).orElseThrow().role()).isEqualTo(Role.USER);
		for (String name : List.of("ann", "bob", "cy")) {
			assertThat(FirstLoginLinks.pathIn(this.mailbox.next(name + "-" + this.token + "@example.com")))
				.startsWith("/first-login/start?token=");
		}
		List<AuditRow> audit = Console.auditRows(this.admin.get("/admin/audit?event=USERS_IMPORTED"));
		assertThat(audit.get(0).actor()).isEqualTo(this.ada.login());
		assertThat(audit.get(0).detail()).isEqualTo("3 users invited");
	}

	@Test
	void aTextWithBadLinesShowsEachProblemAndImportsNobody() {
		Account existing = People.alice(this.accounts);
		String csv = """
				login,name,email,role
				good-%1$s,Good Line,good-%1$s@example.com,USER
				bad-%1$s,Bad Email,not-an-email,USER
				good-%1$s,Same Login,other@example.com,USER
				%2$s,Taken,taken@example.com,USER
				role-%1$s,Bad Role,role@example.com,ROOT
				just-a-login
				""".formatted(this.token, existing.login());

		Page dryRun = submit(csv, "check");
		Page imported = submit(csv, "import");

		assertThat(dryRun.status()).isEqualTo(400);
		assertThat(dryRun.text()).contains("5 lines of 6 have problems: nothing was imported");
		assertThat(lines(dryRun)).containsExactly("2 good-" + this.token + " Ready",
				"3 bad-" + this.token + " This is not a valid email address.",
				"4 good-" + this.token + " This login is already on an earlier line.",
				"5 " + existing.login() + " This login is already used by another account.",
				"6 role-" + this.token + " The role must be USER or ADMINISTRATOR.",
				"7 just-a-login Give 3 or 4 columns: login, name, email, and optionally the role.");
		assertThat(imported.status()).isEqualTo(400);
		assertThat(lines(imported)).hasSize(6);
		assertThat(this.accounts.findByLogin("good-" + this.token)).as("no line is imported when one is bad").isEmpty();
		assertThat(this.mailbox.count("good-" + this.token + "@example.com")).isZero();
	}

	@Test
	void anEmptyTextImportsNobody() {
		Page answer = submit("login,name,email,role\n\n", "import");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("The text names no user");
	}

	private Page submit(String csv, String action) {
		return this.admin.get("/admin/users/import")
			.form("form[action=/admin/users/import]")
			.set("csv", csv)
			.set("action", action)
			.submit();
	}

	private static List<String> lines(Page page) {
		return page.document().select("#import-report tbody tr").stream().map(Element::text).toList();
	}

}
