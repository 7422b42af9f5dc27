package org.latchkey.browser;

import java.util.EnumSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.PasskeyPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.People;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in Chromium with a virtual authenticator: one built into the laptop that checks its user (a
 * fingerprint reader), and a security key on USB that checks no one. Each is added on My account, then signs
 * in after the password; the built-in one also signs in alone, once the administrator allows it.
 */
class PasskeyBrowserTests extends BrowserScenarios {

	private VirtualAuthenticator authenticator;

	@BeforeEach
	void passkeysAreAllowedAndTwoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.PASSKEY), false);
	}

	@AfterEach
	void unplugAndSeedPolicyAgain() {
		if (this.authenticator != null) {
			window().unplug(this.authenticator);
		}
		this.policy.changePasskeys(new PasskeyPolicy(false, false));
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

	@Test
	void platformPasskeyThatVerifiesItsUserSignsInAfterThePasswordAndAlone() {
		plugIn(Transport.INTERNAL);
		Account alice = aliceWithTwoFactorEmail();
		Window window = signInWithEmailCode(window(), alice, codesAddress(alice));

		window.press("My account").press("Add a passkey");
		window.type("Name of this passkey", "Work laptop").press("Add a passkey");
		assertThat(window.text()).contains("Passkey \"Work laptop\" added", "on one device", "never used");
		window.press("Sign out");

		signIn(window, alice, People.PASSWORD);
		assertThat(window.path()).isEqualTo("/login/verify");
		assertThat(window.text()).contains("Use your passkey", "Send me a code by email instead");
		window.press("Use my passkey");
		assertThat(window.text()).contains("Signed in as " + alice.login());
		window.press("Sign out");

		// the login field offers the passkey among its suggestions (conditional mediation); the virtual
		// authenticator picks it as a person would, and the page signs in without a password
		this.policy.changePasskeys(new PasskeyPolicy(true, false));
		window.open("/login");
		awaitPath(window, "/");
		assertThat(window.text()).contains("Signed in as " + alice.login());
		assertThat(this.authenticator.getCredentials()).hasSize(1);
		assertThat(this.authenticator.getCredentials().get(0).isResidentCredential()).isTrue();
	}

	@Test
	void roamingSecurityKeySignsInAfterThePassword() {
		// a security key with a PIN: Chromium makes a discoverable credential only on a key that verifies its user
		plugIn(Transport.USB);
		Account alice = aliceWithTwoFactorEmail();
		Window window = signInWithEmailCode(window(), alice, codesAddress(alice));

		window.open("/account/passkeys").type("Name of this passkey", "Blue key").press("Add a passkey");
		assertThat(window.text()).contains("Passkey \"Blue key\" added");
		window.press("Sign out");

		signIn(window, alice, People.PASSWORD);
		window.press("Use my passkey");
		assertThat(window.text()).contains("Signed in as " + alice.login());
		window.open("/account/passkeys");
		assertThat(window.text()).contains("Blue key", "last used");
	}

	/** Plugs in an authenticator that keeps discoverable credentials and verifies its user, on {@code transport}. */
	private void plugIn(Transport transport) {
		this.authenticator = window().authenticator(new VirtualAuthenticatorOptions().setProtocol(Protocol.CTAP2)
			.setTransport(transport)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true)
			.setIsUserConsenting(true));
	}

	/** Waits for the page's own script to take the browser to {@code path}, as a person waits for the page. */
	private static void awaitPath(Window window, String path) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (!path.equals(window.path()) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(window.path()).isEqualTo(path);
	}

}
