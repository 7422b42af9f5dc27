package org.latchkey.signin;

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
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TextColumns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resetting a forgotten password through HTTP, with the email read from a real SMTP server: asking for a link
 * on the sign-in page while 2FA is off, the link's single use and lifetime, and the rule that only an
 * administrator resets a password while 2FA is required (their reset email: AccountRecoveryConsoleTests).
 */
@LatchkeyTest
@StorageInvariants
class PasswordResetTests extends MailScenarios {

	private static final String NEW_PASSWORD = "violet lantern drifting over quiet harbours";

	@BeforeEach
	void switchTwoFactorOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void forgotPasswordLinkIsOnTheSignInPageAndLeadsToTheAdministratorWhileTwoFactorIsRequired() {
		Browser browser = new Browser(this.port);
		Page whileOff = browser.get("/login");
		Page inFrench = new Browser(this.port).acceptLanguage("fr").get("/login");
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Page whileRequired = browser.get("/login");

		assertThat(whileOff.document().select("main a[href=/password-reset]").text()).isEqualTo("Forgot your password?");
		assertThat(inFrench.text()).contains("Mot de passe oubli\u00e9");
		assertThat(whileRequired.document().select("main a[href=/password-reset]").text())
			.isEqualTo("Forgot your password?");
		assertThat(browser.get("/password-reset").text()).contains("Ask an administrator to reset your password");
	}

	@Test
	void whileTwoFactorIsRequiredTheResetPageSaysAnAdministratorResetsAndSendsNothing() {
		Account alice = People.alice(this.accounts);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Browser browser = new Browser(this.port);

		Page page = browser.get("/password-reset");
		Page posted = browser.post("/password-reset",
				Map.of("_csrf", browser.get("/login").csrf(), "login", alice.login()));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("An administrator of Latchkey resets yours from your profile");
		assertThat(page.document().select("input[name=login]")).isEmpty();
		assertThat(posted.status()).isEqualTo(403);
		assertThat(posted.text()).contains("An administrator of Latchkey resets yours from your profile");
		assertThat(new OutboxRows(this.jdbc).countTo(alice.businessEmail())).isZero();
	}

	@Test
	void theAnswerIsTheSameForAnUnknownLoginAnActiveAccountADisabledOneAndAnInvitedOne() {
		Account active = People.alice(this.accounts);
		Account disabled = People.alice(this.accounts);
		this.accounts.disable(disabled.id());
		Account invited = People.ivan(this.accounts);

		List<Page> answers = List.of(request(People.unique("nobody")), request(active.login()),
				request(disabled.businessEmail()), request(invited.login()));

		assertThat(answers).extracting(Page::status).containsOnly(302);
		assertThat(answers).extracting(Page::location).containsOnly("/password-reset/sent");
		assertThat(answers.get(0).follow().text()).isEqualTo(answers.get(1).follow().text())
			.contains("If what you entered belongs to an active account");
		OutboxRows outbox = new OutboxRows(this.jdbc);
		assertThat(outbox.countTo(active.businessEmail())).isEqualTo(1);
		assertThat(outbox.countTo(disabled.businessEmail())).isZero();
		assertThat(outbox.countTo(invited.businessEmail())).isZero();
	}

	@Test
	void anEmailAddressThatNamesNoActiveAccountIsAuditedMasked() {
		String typed = People.unique("nobody") + "@example.org";

		Page answer = request(typed);

		assertThat(answer.location()).isEqualTo("/password-reset/sent");
		assertThat(this.jdbc.sql("""
				SELECT subject FROM audit_event WHERE event = 'PASSWORD_RESET_REQUESTED' AND outcome = 'FAILURE'
				""").query(String.class).list()).contains("n***@example.org");
		assertThat(TextColumns.containing(this.jdbc, typed)).isEmpty();
	}

	@Test
	void resetLinkSetsANewPasswordOnceEndsEverySessionTellsTheOwnerAndSignsNobodyIn() {
		Account alice = People.alice(this.accounts);
		Browser elsewhere = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		Browser browser = new Browser(this.port);

		request(browser, alice.businessEmail().toUpperCase());
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());
		Page done = browser.get(link).form("form[action$=/password-reset/choose]").set("password", NEW_PASSWORD)
			.submit();

		assertThat(link).startsWith("http://localhost:" + this.port + "/password-reset/choose?token=");
		assertThat(link.substring(link.indexOf("token=") + 6)).hasSizeGreaterThanOrEqualTo(43);
		assertThat(done.location()).isEqualTo("/login?reset");
		assertThat(done.follow().text()).contains("Your password was changed");
		assertThat(browser.get("/").location()).startsWith("/login");
		assertThat(elsewhere.get("/").location()).isEqualTo("/login?ended=password_changed");
		String notice = Mailbox.text(this.mailbox.next(alice.businessEmail()));
		assertThat(notice).contains("was just reset").doesNotContain(NEW_PASSWORD);
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		assertThat(new Browser(this.port).signIn(alice.login(), NEW_PASSWORD).location()).isEqualTo("/");
		Page again = new Browser(this.port).get(link);
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.text()).contains("This reset link is not valid");
		assertThat(again.document().select("a[href=/password-reset]").text()).isEqualTo("Ask for a new link");
	}

	@Test
	void resetLinkIsStoredOnlyAsAKeyedHashBoundToItsPurpose() {
		Account alice = People.alice(this.accounts);
		request(alice.login());
		String message = Mailbox.text(this.mailbox.next(alice.businessEmail()));
		String token = message.replaceAll("(?s).*token=([\\w-]+).*", "$1");

		assertThat(message).contains("asked to reset the password of your Latchkey account " + alice.login())
			.contains("The link works once, for 1 hour.");

		assertThat(this.jdbc.sql("SELECT token_hash, purpose FROM account_link WHERE account_id = :id")
			.param("id", alice.id())
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
			.single()).doesNotContain(token).endsWith(" PASSWORD_RESET");
	}

	@Test
	void resetLinkExpiresAfterOneHour() {
		Account alice = People.alice(this.accounts);
		request(alice.login());
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());

		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		Page expired = new Browser(this.port).get(link);

		assertThat(expired.status()).isEqualTo(404);
		assertThat(expired.text()).contains("it has expired");
	}

	@Test
	void linkAskedForOnTheSignInPageStopsWorkingOnceTwoFactorIsRequired() {
		Account alice = People.alice(this.accounts);
		request(alice.login());
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());

		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Page refused = new Browser(this.port).get(link);

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.text()).contains("ask an administrator of Latchkey to reset your password");
	}

	@Test
	void refusedPasswordIsExplainedBesideTheFieldAndTheLinkStillWorks() {
		Account alice = People.alice(this.accounts);
		request(alice.login());
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());
		Browser browser = new Browser(this.port);

		Page refused = browser.get(link).form("form[action$=/password-reset/choose]").set("password", "password")
			.submit();
		Page done = refused.form("form[action$=/password-reset/choose]").set("password", NEW_PASSWORD).submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#password-error").text()).contains("too short");
		assertThat(refused.document().selectFirst("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(refused.document().selectFirst("#password").attr("aria-describedby")).contains("password-error");
		assertThat(done.location()).isEqualTo("/login?reset");
	}

	@Test
	void twoFactorEmailIsRefusedAsTheNewPassword() {
		Account alice = People.alice(this.accounts);
		String twoFactorEmail = "a-long-second-address-" + alice.login() + "@example.org";
		this.emailFactors.set(alice.id(), twoFactorEmail);
		request(alice.login());
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());

		Page refused = new Browser(this.port).get(link)
			.form("form[action$=/password-reset/choose]")
			.set("password", twoFactorEmail)
			.submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#password-error").text()).contains("email");
	}

	@Test
	void badRequestsAreRefusedWithAReason() {
		Browser browser = new Browser(this.port);
		String csrf = browser.get("/password-reset").csrf();

		Page blank = browser.post("/password-reset", Map.of("_csrf", csrf, "login", " "));
		Page tooLong = browser.post("/password-reset", Map.of("_csrf", csrf, "login", "a".repeat(255)));
		Page unprintable = browser.post("/password-reset", Map.of("_csrf", csrf, "login", "alice\u0000"));
		Page noToken = browser.get("/password-reset/choose");
		// a made-up token of a real one's length, spelled unlike the logins other tests type ("xxx…")
		Page forgedToken = browser.post("/password-reset/choose",
				Map.of("_csrf", csrf, "token", "NoSuchToken".repeat(4).substring(1), "password", NEW_PASSWORD));

		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.document().select("#login-error").text()).contains("This field is required");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.document().select("#login-error").text()).contains("254 characters at most");
		assertThat(unprintable.status()).isEqualTo(400);
		assertThat(unprintable.document().select("#login-error").text()).contains("characters that no login");
		assertThat(noToken.status()).isEqualTo(404);
		assertThat(forgedToken.status()).isEqualTo(404);
	}

	@Test
	void manyResetRequestsNeverLockTheAccount() {
		Account alice = People.alice(this.accounts);
		for (int i = 0; i < 10; i++) {
			request(alice.login());
		}

		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
	}

	private Page request(String loginOrEmail) {
		return request(new Browser(this.port), loginOrEmail);
	}

	private static Page request(Browser browser, String loginOrEmail) {
		return browser.get("/password-reset").form("form[action$=/password-reset]").set("login", loginOrEmail)
			.submit();
	}

}
