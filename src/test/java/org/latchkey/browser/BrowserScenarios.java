package org.latchkey.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latchkey.account.Account;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base for flows walked in Chromium against the whole application on a random port (H2, email to the
 * test's SMTP server). A test has up to two windows, each its own browser with its own cookies, so that
 * two people, or one person on two devices, can be watched at once; the browsers are shared by every test.
 */
@LatchkeyTest
@ExtendWith(ChromiumExtension.class)
abstract class BrowserScenarios extends MailScenarios {

	private Chromium chromium;

	private String flow;

	private Window window;

	private Window otherWindow;

	@BeforeEach
	void chromium(Chromium chromium, TestInfo test) {
		this.chromium = chromium;
		this.flow = test.getTestClass().orElseThrow().getSimpleName() + "/"
				+ test.getTestMethod().orElseThrow().getName();
		this.window = null;
		this.otherWindow = null;
	}

	/** The first window, where the test's main person works. */
	Window window() {
		if (this.window == null) {
			this.window = window(0, "");
		}
		return this.window;
	}

	/** A second window, for another person or another device; its screenshots go beside the first one's. */
	Window otherWindow() {
		if (this.otherWindow == null) {
			this.otherWindow = window(1, "-other");
		}
		return this.otherWindow;
	}

	/** The person types their login and password on the sign-in page and presses "Sign in". */
	Window signIn(Window window, Account account, String password) {
		return window.open("/login").type("Login", account.login()).type("Password", password).press("Sign in");
	}

	/** The person signs in with their password and the code emailed to {@code codesGoTo}; their home page shows. */
	Window signInWithEmailCode(Window window, Account account, String codesGoTo) {
		signIn(window, account, People.PASSWORD);
		assertThat(window.path()).isEqualTo("/login/verify");
		window.type("Security code", this.mailbox.nextCode(codesGoTo)).press("Verify and sign in");
		assertThat(window.text()).contains("Signed in as " + account.login());
		return window;
	}

	/** A new active user whose 2FA email is not her business email, so the test sees which one a code went to. */
	Account aliceWithTwoFactorEmail() {
		Account alice = People.alice(this.accounts);
		this.emailFactors.set(alice.id(), codesAddress(alice));
		return alice;
	}

	static String codesAddress(Account account) {
		return "codes-" + account.login() + "@example.org";
	}

	private Window window(int index, String suffix) {
		return new Window(this.chromium.browser(index), "http://localhost:" + this.port,
				new PageCheck(this.flow + suffix));
	}

}
