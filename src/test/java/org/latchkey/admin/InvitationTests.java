package org.latchkey.admin;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountStatus;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Form;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.FirstLoginLinks;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The invitation email sent from the console, when a user is created and again from their profile, through
 * HTTP with the email read from a real SMTP server.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH, FirstLoginLinks.PUBLIC_ADDRESS })
class InvitationTests extends ApplicationScenarios {

	final Mailbox mailbox = Mailbox.shared();

	OutboxRows outbox;

	Account ada;

	Browser admin;

	@BeforeEach
	void signInAsAdministrator() {
		this.outbox = new OutboxRows(this.jdbc);
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.ada = People.ada(this.accounts);
		this.admin = Console.signedIn(this.port, this.ada);
	}

	@Test
	void creatingAUserSendsTheInvitationAtOnceUnlessUnticked() {
		Page form = this.admin.get("/admin/users/new");
		String login = People.unique("nina");

		Page created = create(login, UnaryOperator.identity());
		String link = FirstLoginLinks.pathIn(this.mailbox.next(login + "@example.com"));

		assertThat(form.document().selectFirst("input#sendInvitation").hasAttr("checked")).isTrue();
		assertThat(form.document().select("label.checkbox").text()).isEqualTo("Send the invitation email now");
		assertThat(form.text()).doesNotContain("Once sign-in by email is available");
		assertThat(created.follow().text()).contains("the invitation email is on its way");
		assertThat(new Browser(this.port).get(link).follow().document().selectFirst("#login").val())
			.isEqualTo(login);
		assertThat(Console.auditRows(this.admin.get("/admin/audit?user=" + login)))
			.extracting(AuditRow::event, AuditRow::actor, AuditRow::detail)
			.containsExactly(tuple("INVITATION_SENT", this.ada.login(), "sent from the console"),
					tuple("ACCOUNT_CREATED", this.ada.login(), ""));
	}

	@Test
	void untickedBoxCreatesTheUserAndSendsNothing() {
		String login = People.unique("nina");

		Page created = create(login, form -> form.remove("sendInvitation"));

		Account nina = this.accounts.findByLogin(login).orElseThrow();
		assertThat(nina.status()).isEqualTo(AccountStatus.INVITED);
		Page profile = created.follow();
		assertThat(profile.text()).contains("No email was sent");
		assertThat(profile.document().select("form[action$=/invitation] button").text())
			.isEqualTo("Send the invitation email again");
		assertThat(this.outbox.countTo(login + "@example.com")).isZero();
	}

	@Test
	void refusedFieldCreatesNoUserAndSendsNothing() {
		String login = People.unique("nina");

		Page refused = create(login, form -> form.set("businessEmail", "nina<" + login + "@example.com"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().selectFirst("#businessEmail-error").text())
			.contains("not a valid email address");
		assertThat(refused.document().selectFirst("input#sendInvitation").hasAttr("checked")).isTrue();
		assertThat(this.accounts.findByLogin(login)).isEmpty();
	}

	@Test
	void garbledTickIsRefusedAndCreatesNoUser() {
		String login = People.unique("nina");

		Page refused = create(login, form -> form.set("sendInvitation", "perhaps"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(this.accounts.findByLogin(login)).isEmpty();
		assertThat(this.outbox.countTo(login + "@example.com")).isZero();
	}

	@Test
	void sendingTheInvitationAgainVoidsTheEarlierLink() {
		Account ivan = People.ivan(this.accounts);

		Page sent = profile(ivan).form("form[action$=/invitation]").submit();
		String first = FirstLoginLinks.pathIn(this.mailbox.next(ivan.businessEmail()));
		profile(ivan).form("form[action$=/invitation]").submit();
		String second = FirstLoginLinks.pathIn(this.mailbox.next(ivan.businessEmail()));

		assertThat(sent.location()).isEqualTo("/admin/users/" + ivan.id());
		assertThat(sent.follow().text()).contains("A new invitation email is on its way")
			.contains("The links sent before no longer work");
		assertThat(new Browser(this.port).get(first).status()).isEqualTo(410);
		assertThat(new Browser(this.port).get(second).location()).isEqualTo("/first-login/start");
		assertThat(Console.auditRows(this.admin.get("/admin/audit?event=INVITATION_SENT&user=" + ivan.login())))
			.extracting(AuditRow::actor, AuditRow::detail)
			.containsExactly(tuple(this.ada.login(), "sent again from the console"),
					tuple(this.ada.login(), "sent again from the console"));
	}

	@Test
	void onlyAnInvitedUserIsSentAnInvitation() {
		Account alice = People.alice(this.accounts);
		Page profile = profile(alice);

		Page forced = this.admin.post("/admin/users/" + alice.id() + "/invitation",
				Map.of("_csrf", profile.csrf()));
		Page unknown = this.admin.post("/admin/users/999999999/invitation", Map.of("_csrf", profile.csrf()));

		assertThat(profile.document().select("form[action$=/invitation]")).isEmpty();
		assertThat(forced.follow().text()).contains("this account is no longer waiting for its first login");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(this.outbox.countTo(alice.businessEmail())).isZero();
	}

	@Test
	void plainUserCannotSendAnInvitation() {
		Account ivan = People.ivan(this.accounts);
		Browser alice = Console.signedIn(this.port, People.alice(this.accounts));

		Page answer = alice.post("/admin/users/" + ivan.id() + "/invitation",
				Map.of("_csrf", alice.get("/").csrf()));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(this.outbox.countTo(ivan.businessEmail())).isZero();
	}

	/** Submits the creation form as the administrator fills it in, after {@code change}. */
	private Page create(String login, UnaryOperator<Form> change) {
		Form form = this.admin.get("/admin/users/new")
			.form("form[action=/admin/users]")
			.set("login", login)
			.set("displayName", "Nina Simone")
			.set("businessEmail", login + "@example.com");
		return change.apply(form).submit();
	}

	private Page profile(Account account) {
		return this.admin.get("/admin/users/" + account.id());
	}

}
