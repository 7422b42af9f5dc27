package org.latchkey.browser;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.People;
import org.latchkey.testing.Totp;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in, in Chromium: with a code sent by email, with the keyboard alone, and with an authenticator app,
 * including configuring the app, and the lock after five wrong codes ({@link SmsSignInBrowserTests} signs in
 * with an SMS code). A new way to sign in is one more test here: sign in with {@link #signIn}, then type what
 * the person receives and read what they see.
 */
class SignInBrowserTests extends BrowserScenarios {

	@Test
	void signInWithAnEmailCodeEndsOnTheHomePage() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = aliceWithTwoFactorEmail();
		Window window = window();

		signIn(window, alice, People.PASSWORD);

		assertThat(window.text()).contains("Enter your security code").containsPattern("We sent a six-digit code to c\\*+@example\\.org");
		String code = this.mailbox.nextCode(codesAddress(alice));
		window.type("Security code", otherThan(code)).press("Verify and sign in");
		assertThat(window.errorUnder("Security code")).startsWith("This is not the code we sent");
		window.type("Security code", code).press("Verify and sign in");
		assertThat(window.path()).isEqualTo("/");
		assertThat(window.text()).contains("Signed in as " + alice.login());
	}

	@Test
	void theWholeSignInWorksWithTheKeyboardAlone() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = aliceWithTwoFactorEmail();
		Window window = window().open("/login");

		assertThat(window.focused().getDomAttribute("id")).as("the login field has the focus").isEqualTo("username");
		window.keys(alice.login(), Keys.TAB);
		assertThat(window.focused().getDomAttribute("id")).as("Tab moves to the password").isEqualTo("password");
		window.keys(People.PASSWORD).enter();
		assertThat(window.path()).isEqualTo("/login/verify");
		assertThat(window.focused().getDomAttribute("id")).as("the code field has the focus").isEqualTo("code");
		window.keys(this.mailbox.nextCode(codesAddress(alice))).enter();

		assertThat(window.path()).isEqualTo("/");
		assertThat(window.text()).contains("Signed in as " + alice.login());
	}

	@Test
	void configuringAnAuthenticatorAppSignsThePersonOut() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Window window = signIn(window(), alice, People.PASSWORD);

		window.press("My account").press("Configure 2FA").press("Set up an authenticator app");
		assertThat(window.text()).contains("Configure 2FA with an authenticator app");
		window.press("Configure 2FA");
		assertThat(window.text()).contains("Scan this QR code with your authenticator app");
		String secret = window.read("code.secret").replace(" ", "");
		window.type("Enter the six-digit code the app now shows", Totp.code(secret, this.clock))
			.press("Confirm and sign out");

		assertThat(window.path()).startsWith("/login");
		assertThat(window.text()).contains("Two-factor authentication is now on for your account");
	}

	@Test
	void signInWithTheAppAsksForItsCodeAfterThePassword() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Browser setUpBefore = new Browser(this.port);
		setUpBefore.signIn(alice.login(), People.PASSWORD);
		String secret = Totp.enrol(setUpBefore, this.clock);
		this.clock.advance(Duration.ofSeconds(30));
		Window window = window();

		signIn(window, alice, People.PASSWORD);
		assertThat(window.text()).contains("Enter the code from your authenticator app");
		window.type("Security code", Totp.code(secret, this.clock)).press("Verify and sign in");

		assertThat(window.path()).isEqualTo("/");
		assertThat(window.text()).contains("Signed in as " + alice.login());
	}

	@Test
	void fiveWrongCodesLockTheAccountAndThePersonIsToldUntilWhen() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = aliceWithTwoFactorEmail();
		Window window = window();

		signIn(window, alice, People.PASSWORD);
		String wrong = otherThan(this.mailbox.nextCode(codesAddress(alice)));
		for (int attempt = 1; attempt < 5; attempt++) {
			window.type("Security code", wrong).press("Verify and sign in");
			assertThat(window.errorUnder("Security code")).as("wrong code %d", attempt).startsWith("This is not the code we sent");
		}
		window.type("Security code", wrong).press("Verify and sign in");

		assertThat(window.path()).isEqualTo("/login/verify/locked");
		assertThat(window.text()).contains("Sign-in locked")
			.containsPattern("Too many failed sign-in attempts: signing in to this account from this browser is locked until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\(UTC\\)")
			.doesNotContain("Security code")
			.doesNotContain("My account");
	}

	/** A wrong code: the one sent, changed in its last digits. */
	private static String otherThan(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

}
