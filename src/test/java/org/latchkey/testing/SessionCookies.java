package org.latchkey.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The session cookie as a thief or a test sees it: the value a browser holds, the secret inside it (Spring
 * Session writes it Base64-encoded), the id a database stores for that secret, and the cookie that would carry
 * an arbitrary value (one read from a stolen dump) to the server.
 */
public final class SessionCookies {

	public static final String NAME = Browser.SESSION_COOKIE;

	private SessionCookies() {
	}

	/** The session cookie's value in this browser. */
	public static String of(Browser browser) {
		return browser.sessionCookie().orElseThrow(() -> new AssertionError("The browser holds no session cookie"));
	}

	/** The secret a session cookie's value carries. */
	public static String secretIn(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	/** The cookie value the server reads as {@code value}. */
	public static String carrying(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	/** The SHA-256 of a secret as 64 lower-case hex characters: the id sessions are stored under. */
	public static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
