package org.latchkey.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SignInOptions;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.People;
import org.latchkey.testing.Secrets;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery codes in Chromium: the first set after the first sign-in with a code, ticked as saved; then, the
 * phone lost, a sign-in with one of them, which lands on My account asking to review the methods. axe checks
 * every page on the way; the screenshots of the codes page are the README's.
 */
class RecoveryCodeBrowserTests extends BrowserScenarios {

	@Autowired
	SignInOptions options;

	@BeforeEach
	void recoveryCodesAndRememberedDevicesAreOn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.options.change(true, 30, 0);
	}

	@AfterEach
	void optionsAreBackToTheirDefaults() {
		this.options.change(false, 0, 0);
	}

	@Test
	void theFirstSetIsSavedThenOneOfItsCodesSignsIn() {
		Account alice = aliceWithTwoFactorEmail();
		Window window = signIn(window(), alice, People.PASSWORD);
		assertThat(window.path()).isEqualTo("/login/verify");
		window.type("Security code", this.mailbox.nextCode(codesAddress(alice))).press("Verify and sign in");

		assertThat(window.path()).isEqualTo("/account/recovery-codes/new");
		window.press("Show my recovery codes");
		String code = window.read("#recovery-codes li:first-child code");
		Secrets.seen(code);
		assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
		assertThat(window.text()).contains("Download as a text file").contains("Print");
		window.tick("I have saved them").press("Continue");
		assertThat(window.text()).contains("Signed in as " + alice.login());

		window.press("Sign out");
		signIn(window, alice, People.PASSWORD);
		window.press("Use a recovery code");
		window.type("Recovery code", code.toLowerCase()).press("Sign in");

		assertThat(window.path()).startsWith("/account");
		assertThat(window.text()).contains("You signed in with a recovery code")
			.contains("9 of your recovery codes are left");
	}

}
