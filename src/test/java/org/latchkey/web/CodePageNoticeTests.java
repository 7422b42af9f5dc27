package org.latchkey.web;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.TokenClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.web.MyAccountForms.chooseNewEmail;
import static org.latchkey.web.MyAccountForms.startEmailChange;
import static org.latchkey.web.MyAccountForms.submitEmailCode;
import static org.latchkey.web.TwoFactorUsers.codesAddress;

/**
 * What the pages that ask for a code say, in English and in French, through HTTP: why no code was sent and
 * when one can be, a code of the wrong shape taken for the typing mistake it is, tries and minutes counted in
 * words that agree with their number, times with their zone, what a lock locks, and the way to help with a
 * forgotten password.
 */
@LatchkeyTest
class CodePageNoticeTests extends MyAccountScenarios {

	@Autowired
	OidcClients clients;

	@Test
	void signInAtTheSendLimitSaysNoCodeWasSentAndFromWhenOneCanBe() {
		Account alice = this.users.alice();
		for (int i = 0; i < 5; i++) {
			new Browser(this.port).signIn(alice.login(), People.PASSWORD);
			this.mailbox.nextCode(codesAddress(alice));
		}

		Browser sixth = new Browser(this.port);
		sixth.signIn(alice.login(), People.PASSWORD);
		Page page = sixth.get("/login/verify");
		Page french = sixth.acceptLanguage("fr").get("/login/verify");

		assertThat(page.text()).contains("No code was sent: too many codes were sent to this account")
			.contains("You can ask for a new one from ")
			.contains("(UTC), in 15 minutes");
		assertThat(page.document().select("#code-help").text()).doesNotContain("email");
		assertThat(french.text()).contains("Aucun code n\u2019a \u00e9t\u00e9 envoy\u00e9")
			.contains("(UTC), dans 15 minutes");
		assertThat(french.document().select("#code-help").text()).doesNotContain("e-mail");
	}

	@Test
	void stepUpRightAfterTheSignInSaysWhyNoCodeWasSent() {
		Account alice = this.users.alice();
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email", "offline_access")));
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		Browser browser = this.users.signIn(alice);
		this.clock.advance(Duration.ofSeconds(5));

		// as max_age=0 does, but whatever the time a factor of Spring Security's own was issued at
		Page stepUp = client.authorize(browser, Map.of("prompt", "login"));
		Page page = browser.get("/login/verify");

		assertThat(stepUp.location()).isEqualTo("/login/verify");
		assertThat(page.text())
			.contains("No code was sent for this step, because one was sent moments ago. Wait 25 seconds, then ask");
		assertThat(page.document().select("#code-help").text()).doesNotContain("email");
	}

	@Test
	void firstTwoFactorEmailChosenAtSignInSpeaksOfNoPreviousCode() {
		Account alice = People.alice(this.accounts);
		String chosen = "first-" + alice.login() + "@example.org";
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page sent = browser.get("/login/verify")
			.form("form[action$=/login/verify/email]")
			.set("email", chosen)
			.submit()
			.follow();

		assertThat(sent.text()).contains("We sent a six-digit code to f***@example.org")
			.doesNotContain("The previous one no longer works");
		this.mailbox.nextCode(chosen);
	}

	@Test
	void codeOfTheWrongShapeIsATypingMistakeNeverATry() {
		Account alice = this.users.alice();
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";

		for (int i = 0; i < 5; i++) {
			Page shape = SignIns.submitCode(browser, "12345");
			assertThat(shape.status()).isEqualTo(400);
			assertThat(shape.document().select("#code-error").text())
				.isEqualTo("A security code is six digits. Check what you typed and try again.");
		}
		Page french = browser.acceptLanguage("fr").get("/login/verify").form("form[action$=/login/verify]")
			.set("code", "1234567")
			.submit();
		Page counted = browser.acceptLanguage("en").get("/login/verify").form("form[action$=/login/verify]")
			.set("code", wrong)
			.submit();

		assertThat(french.document().select("#code-error").text()).startsWith("Un code de s\u00e9curit\u00e9 compte six chiffres");
		assertThat(counted.text()).contains("4 tries left");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'SECOND_FACTOR' AND outcome = 'FAILURE'
				AND subject_account_id = :id
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(SignIns.submitCode(browser, code).location()).isEqualTo("/");

		startEmailChange(browser);
		Page myAccount = submitEmailCode(browser, "current", "12345");
		assertThat(myAccount.document().select("#code-error").text())
			.isEqualTo("A security code is six digits. Check what you typed and try again.");
	}

	@Test
	void triesAndTheLockAreSaidInWordsThatAgreeWithTheirNumberAndNameWhatIsLocked() {
		Account alice = this.users.alice();
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page asked = browser.get("/login/verify");
		String code = this.mailbox.nextCode(codesAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 3; i++) {
			SignIns.submitCode(browser, wrong);
		}

		Page lastTry = SignIns.submitCode(browser, wrong);
		Page lastTryFrench = browser.acceptLanguage("fr").get("/login/verify");
		Page locked = browser.acceptLanguage("en").get("/login/verify").form("form[action$=/login/verify]")
			.set("code", wrong)
			.submit()
			.follow();
		Page lockedFrench = browser.acceptLanguage("fr").get("/login/verify/locked");

		assertThat(asked.text()).containsPattern("It works once, until \\d\\d:\\d\\d \\(UTC\\)\\.");
		assertThat(lastTry.text()).contains("(1 try left for this code)");
		assertThat(lastTryFrench.text()).containsPattern("jusqu\u2019\u00e0 \\d\\d:\\d\\d \\(UTC\\)");
		assertThat(locked.text()).contains("Sign-in locked")
			.contains("signing in to this account from this browser is locked until")
			.doesNotContain("this account is locked until");
		assertThat(lockedFrench.text()).contains("la connexion \u00e0 ce compte depuis ce navigateur est verrouill\u00e9e");
	}

	@Test
	void wrongCodesAreCountedInFrenchWithTheRightPlural() {
		Account alice = this.users.alice();
		Browser browser = new Browser(this.port).acceptLanguage("fr");
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";

		Page first = SignIns.submitCode(browser, wrong);
		for (int i = 0; i < 2; i++) {
			SignIns.submitCode(browser, wrong);
		}
		Page fourth = SignIns.submitCode(browser, wrong);

		assertThat(first.text()).contains("(4 essais restants pour ce code)");
		assertThat(fourth.text()).contains("(1 essai restant pour ce code)");
	}

	@Test
	void signInPageLinksToPasswordHelpWhileTwoFactorIsOn() {
		Page signIn = new Browser(this.port).get("/login");

		assertThat(signIn.document().select("a[href$=/password-reset]").text()).isEqualTo("Forgot your password?");
		assertThat(new Browser(this.port).get("/password-reset").text())
			.contains("Ask an administrator to reset your password");
	}

	@Test
	void changeOfTwoFactorEmailNamesTheOldAndTheNewAddressInFullToTheirOwner() {
		Account alice = this.users.alice();
		// masked, both would read a***@example.com
		String chosen = "a-" + alice.login() + "-new@example.com";
		Browser browser = this.users.signIn(alice);
		startEmailChange(browser);
		submitEmailCode(browser, "current", this.mailbox.nextCode(codesAddress(alice)));

		Page choose = browser.get("/account/two-factor-email");
		Page sent = chooseNewEmail(browser, chosen).follow();

		assertThat(choose.text()).contains(codesAddress(alice));
		assertThat(sent.text()).contains("We sent a six-digit code to " + chosen);
		this.mailbox.nextCode(chosen);
	}

	@Test
	void codeExpiryOnMyAccountNamesItsTimeZone() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		this.clock.advance(Duration.ofSeconds(31));

		Page started = startEmailChange(browser).follow();

		assertThat(started.text()).containsPattern("until \\d\\d:\\d\\d \\(UTC\\)");
		this.mailbox.nextCode(codesAddress(alice));
	}

}
