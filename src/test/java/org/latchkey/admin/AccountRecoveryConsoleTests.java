package org.latchkey.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Login" section of a user's profile in the console, through HTTP while 2FA is required: who may use
 * its reset actions, on which accounts, what they leave in the audit log, the reset email, and resetting a
 * 2FA email.
 */
@LatchkeyTest
class AccountRecoveryConsoleTests extends MailScenarios {

	private static final String NEW_PASSWORD = "violet lantern drifting over quiet harbours";

	private static final List<String> ACTIONS = List.of("/password-reset/email", "/password-reset/temporary",
			"/two-factor-email/reset");

	Account ada;

	Browser admin;

	@BeforeEach
	void signInAsAdministratorWhileTwoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.ada = SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts));
		this.admin = SignIns.signedIn(this.port, this.ada, People.PASSWORD, this.mailbox);
	}

	@Test
	void profileOffersTheResetActionsForAnActiveUserOnly() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Account disabled = People.alice(this.accounts);
		this.accounts.disable(disabled.id());

		Page active = this.admin.get("/admin/users/" + alice.id());
		Page own = this.admin.get("/admin/users/" + this.ada.id());
		Page off = this.admin.get("/admin/users/" + disabled.id());

		assertThat(active.document().select("#login form").eachAttr("action")).containsExactly(
				"/admin/users/" + alice.id() + "/password-reset/email",
				"/admin/users/" + alice.id() + "/password-reset/temporary",
				"/admin/users/" + alice.id() + "/two-factor-email/reset");
		assertThat(active.document().select("#login dd").text()).isEqualTo("2***@example.com");
		assertThat(own.document().select("#login form")).isEmpty();
		assertThat(own.document().select("#login").text())
			.contains("change your password or your 2FA email on My account");
		assertThat(off.document().select("#login form")).isEmpty();
		assertThat(off.document().select("#login").text()).contains("Only an active account can be reset");
	}

	@Test
	void userWhoIsNotAnAdministratorIsForbiddenEveryResetAction() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Account bob = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser user = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		String csrf = user.get("/").csrf();

		for (String action : ACTIONS) {
			assertThat(user.post("/admin/users/" + bob.id() + action, Map.of("_csrf", csrf)).status())
				.as(action)
				.isEqualTo(403);
		}
		assertThat(new OutboxRows(this.jdbc).countTo(bob.businessEmail())).isZero();
		assertThat(this.emailFactors.addressOf(bob.id())).isPresent();
		assertThat(temporaryPasswordsOf(bob)).isZero();
	}

	@Test
	void resetActionsWithoutTheCsrfTokenAreForbidden() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));

		for (String action : ACTIONS) {
			assertThat(this.admin.post("/admin/users/" + alice.id() + action, Map.of()).status()).as(action)
				.isEqualTo(403);
		}
		assertThat(temporaryPasswordsOf(alice)).isZero();
		assertThat(this.emailFactors.addressOf(alice.id())).isPresent();
	}

	@Test
	void resetActionsOnTheAdministratorsOwnAccountOrAnInactiveOneAreRefusedWithAReason() {
		Account disabled = People.alice(this.accounts);
		this.accounts.disable(disabled.id());
		Account invited = People.ivan(this.accounts);
		String csrf = this.admin.get("/").csrf();

		for (String action : ACTIONS) {
			Page own = this.admin.post("/admin/users/" + this.ada.id() + action, Map.of("_csrf", csrf));
			Page off = this.admin.post("/admin/users/" + disabled.id() + action, Map.of("_csrf", csrf));
			Page notYet = this.admin.post("/admin/users/" + invited.id() + action, Map.of("_csrf", csrf));

			assertThat(own.status()).as(action).isEqualTo(400);
			assertThat(own.document().select("#recovery-error").text()).contains("This is your own account");
			assertThat(off.status()).as(action).isEqualTo(400);
			assertThat(off.document().select("#recovery-error").text()).contains("Only an active account");
			assertThat(notYet.status()).as(action).isEqualTo(400);
		}
		assertThat(this.emailFactors.addressOf(this.ada.id())).isPresent();
		assertThat(temporaryPasswordsOf(this.ada) + temporaryPasswordsOf(disabled) + temporaryPasswordsOf(invited))
			.isZero();
	}

	@Test
	void unknownOrMalformedUserIdIsRefused() {
		String csrf = this.admin.get("/").csrf();

		assertThat(this.admin.post("/admin/users/999999999/password-reset/temporary", Map.of("_csrf", csrf))
			.status()).isEqualTo(404);
		assertThat(this.admin.post("/admin/users/abc/password-reset/temporary", Map.of("_csrf", csrf)).status())
			.isEqualTo(400);
	}

	@Test
	void resetEmailWorksWhileTwoFactorIsRequiredAndTheNextSignInStillAsksForTheCode() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));

		Page sent = this.admin.get("/admin/users/" + alice.id())
			.form("form[action$=/password-reset/email]")
			.submit()
			.follow();
		String message = Mailbox.text(this.mailbox.next(alice.businessEmail()));
		String link = message.replaceAll("(?s).*(http://\\S+).*", "$1");
		this.clock.advance(Duration.ofHours(23));
		Browser browser = new Browser(this.port);
		Page done = browser.get(link).form("form[action$=/password-reset/choose]").set("password", NEW_PASSWORD)
			.submit();
		Page signIn = browser.signIn(alice.login(), NEW_PASSWORD);

		assertThat(sent.text()).contains("A reset email is on its way");
		assertThat(message).contains("An administrator of Latchkey reset the password of your account")
			.contains("The link works once, for 24 hours.");
		assertThat(done.location()).isEqualTo("/login?reset");
		assertThat(signIn.location()).isEqualTo("/login/verify");
		assertThat(SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice))).location())
			.isEqualTo("/");
	}

	@Test
	void resetEmailLinkExpiresAfterTwentyFourHours() {
		Account alice = People.alice(this.accounts);
		this.admin.get("/admin/users/" + alice.id()).form("form[action$=/password-reset/email]").submit();
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());

		this.clock.advance(Duration.ofHours(24).plusSeconds(1));

		assertThat(new Browser(this.port).get(link).status()).isEqualTo(404);
	}

	@Test
	void resettingTheTwoFactorEmailEndsTheSessionsAndTheNextSignInChoosesANewOne() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser signedIn = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		Browser halfway = new Browser(this.port);
		halfway.signIn(alice.login(), People.PASSWORD);
		String oldCode = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String halfwayCsrf = halfway.get("/login/verify").csrf();

		Page done = this.admin.get("/admin/users/" + alice.id())
			.form("form[action$=/two-factor-email/reset]")
			.submit()
			.follow();

		assertThat(done.text()).contains("The 2FA email was reset");
		assertThat(this.emailFactors.addressOf(alice.id())).isEmpty();
		assertThat(signedIn.get("/").location()).isEqualTo("/login?ended=administrator");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("reset the 2FA email of your account " + alice.login());
		assertThat(halfway.post("/login/verify", Map.of("_csrf", halfwayCsrf, "code", oldCode)).status())
			.isEqualTo(400);
		assertThat(this.emailFactors.addressOf(alice.id())).isEmpty();
		Browser next = new Browser(this.port);
		assertThat(next.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		assertThat(next.get("/login/verify").document().select("form[action$=/login/verify/email]")).isNotEmpty();
	}

	@Test
	void everyResetActionIsAuditedWithTheAdministrator() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		for (String action : ACTIONS) {
			this.admin.get("/admin/users/" + alice.id()).form("form[action$=" + action + "]").submit();
		}

		assertThat(this.jdbc.sql("""
				SELECT event, actor, detail FROM audit_event WHERE subject_account_id = :id
				AND event IN ('PASSWORD_RESET_SENT', 'TEMPORARY_PASSWORD_ISSUED', 'TWO_FACTOR_EMAIL_RESET')
				ORDER BY id
				""")
			.param("id", alice.id())
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.list()).hasSize(3)
			.allSatisfy(entry -> assertThat(entry).contains(" " + this.ada.login() + " by administrator #"
					+ this.ada.id()))
			.extracting(entry -> entry.substring(0, entry.indexOf(' ')))
			.containsExactly("PASSWORD_RESET_SENT", "TEMPORARY_PASSWORD_ISSUED", "TWO_FACTOR_EMAIL_RESET");
	}

	private long temporaryPasswordsOf(Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM temporary_password WHERE account_id = :id")
			.param("id", account.id())
			.query(Long.class)
			.single();
	}

}
