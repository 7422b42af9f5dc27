package org.latchkey.browser;


import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.testing.People;
import org.latchkey.testing.SmsProviderStub;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with a code sent by SMS, in Chromium: the person confirms their phone number with a first SMS,
 * chooses SMS codes for their sign-ins, and signs in with the code of the next SMS. The production Twilio
 * client talks to a local stub of the provider, from which the test reads what the person's phone receives.
 */
class SmsSignInBrowserTests extends BrowserScenarios {

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	// a French mobile number, as a person types it, and as Latchkey stores and sends to it
	private static final String TYPED = "+33 6 12 34 56 78";

	private static final String NUMBER = "+33612345678";

	@Autowired
	SmsAdministration sms;

	@Test
	void signInWithAnSmsCodeEndsOnTheHomePage() {
		this.sms.change(new SmsProviderChange("TWILIO", "AC0123456789abcdef0123456789abcdef", "twilio-auth-token-7f3e9a1c5b",
				"+15005550006", null, null, null, false, null, null, "200", ""));
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
		Account alice = People.alice(this.accounts);
		Window window = signIn(window(), alice, People.PASSWORD);

		window.press("My account").press("Add a phone number").type("Phone number", TYPED).press("Save");
		window.type("Security code", smsCode(1)).press("Confirm the number");
		assertThat(window.text()).contains(NUMBER).contains("Confirmed by SMS");
		window.press("Configure 2FA").press("Turn on two-factor authentication");
		assertThat(window.text()).contains("Two-factor authentication is now on for your account");

		signIn(window, alice, People.PASSWORD);
		assertThat(window.text()).contains("Enter the code we sent by SMS");
		window.press("Send me a code by SMS");
		assertThat(window.text()).containsPattern("We sent a six-digit code to \\+33\\*+78");
		window.type("Security code", smsCode(2)).press("Verify and sign in");

		assertThat(window.path()).isEqualTo("/");
		assertThat(window.text()).contains("Signed in as " + alice.login());
	}

	/** The code of the {@code nth} SMS sent to the person's phone, once it reached the provider. */
	private static String smsCode(int nth) {
		return provider.awaitRequestsTo(NUMBER, nth).get(nth - 1).code();
	}

}
