package org.latchkey.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/** My account in Chromium: the password and the 2FA email change only with codes from the 2FA email. */
class MyAccountBrowserTests extends BrowserScenarios {

	@BeforeEach
	void twoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
	}

	@Test
	void passwordChangesOnceTheEmailedCodeIsTyped() {
		Account alice = aliceWithTwoFactorEmail();
		Window window = signInWithEmailCode(window(), alice, codesAddress(alice));

		window.press("My account").press("Change password");
		window.type("Current password", People.PASSWORD).type("New password", "a violet kettle hums at dawn");
		window.press("Continue");
		assertThat(window.text()).contains("Confirm your new password");
		window.type("Security code", this.mailbox.nextCode(codesAddress(alice))).press("Change the password");

		assertThat(window.path()).startsWith("/account");
		assertThat(window.text()).contains("Your password was changed");
	}

	@Test
	void twoFactorEmailChangesOnceBothAddressesProvedTheirCodes() {
		Account alice = aliceWithTwoFactorEmail();
		String newAddress = "new-" + codesAddress(alice);
		Window window = signInWithEmailCode(window(), alice, codesAddress(alice));

		window.press("My account").press("Change 2FA email");
		window.type("Security code", this.mailbox.nextCode(codesAddress(alice))).press("Confirm");
		window.type("New 2FA email", newAddress).press("Send a code to this address");
		window.type("Security code", this.mailbox.nextCode(newAddress)).press("Change the 2FA email");

		assertThat(window.path()).startsWith("/account");
		assertThat(window.text()).contains("Your 2FA email was changed").contains(newAddress);
	}

}
