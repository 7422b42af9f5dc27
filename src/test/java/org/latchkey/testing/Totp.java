package org.latchkey.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;
import org.latchkey.account.Account;
import org.latchkey.testing.Browser.Page;

/**
 * An authenticator app for tests, written apart from the server's code as an app would be: RFC 6238 with
 * SHA-1, 6 digits and 30-second steps, from the Base32 key the setup page shows.
 */
public final class Totp {

	private Totp() {
	}

	/**
	 * Sets up an app for the person signed in on {@code browser}, as they do it from My account: starts the
	 * setup, reads the key the page shows and confirms it with the app's code, which signs them out.
	 * @return the key, for {@link #code}
	 */
	public static String enrol(Browser browser, Clock clock) {
		Page setup = browser.get("/account/authenticator").form("form[action$=/start]").submit().follow();
		String secret = setup.document().selectFirst("code.secret").text().replace(" ", "");
		String confirmed = setup.form("form[action$=/confirm]").set("code", code(secret, clock)).submit().location();
		if (!"/login?ended=two_factor_configured".equals(confirmed)) {
			throw new AssertionError("The app was not configured: " + confirmed);
		}
		return secret;
	}

	/**
	 * Signs the browser in as the account with its app's code, half a minute on (the server accepts a code
	 * once), and checks that it lands on the home page.
	 */
	public static Browser signIn(Browser browser, Account account, String base32Secret, TestClock clock) {
		clock.advance(Duration.ofSeconds(30));
		if (!"/login/verify".equals(browser.signIn(account.login(), People.PASSWORD).location())) {
			throw new AssertionError("The password step did not ask for a second factor");
		}
		String landed = browser.get("/login/verify")
			.form("form[action$=/login/verify/app]")
			.set("code", code(base32Secret, clock))
			.submit()
			.location();
		if (!"/".equals(landed)) {
			throw new AssertionError("Sign-in with the app failed: " + landed);
		}
		return browser;
	}

	/** The code an app shows at the clock's time. */
	public static String code(String base32Secret, Clock clock) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(clock.instant().getEpochSecond() / 30).array());
			int offset = hash[19] & 0xf;
			int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
					| (hash[offset + 2] & 0xff) << 8 | (hash[offset + 3] & 0xff)) % 1_000_000;
			String code = String.format("%06d", value);
			Secrets.seen(base32Secret);
			Secrets.seen(code);
			return code;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
