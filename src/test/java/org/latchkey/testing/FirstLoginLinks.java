package org.latchkey.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

/**
 * The first-login links of the emails tests read. Tests of first login configure a public address that is not
 * the test server's, so that a link built from a request's {@code Host} header would show.
 */
public final class FirstLoginLinks {

	/**
	 * Where the application says it is reached; the test server is at another address. Plain HTTP: an https
	 * address would make the server HTTPS-only, which {@code SecureTransportTests} attacks on its own.
	 */
	public static final String BASE_URL = "http://signin.example.test";

	/** The property that sets {@link #BASE_URL}. */
	public static final String PUBLIC_ADDRESS = "latchkey.base-url=" + BASE_URL;

	private static final Pattern LINK = Pattern.compile("(\\S*)/first-login/start\\?token=([A-Za-z0-9_-]+)");

	private FirstLoginLinks() {
	}

	/** The path and query of the first-login link in a message, after checking it points at {@link #BASE_URL}. */
	public static String pathIn(MimeMessage message) {
		Matcher link = LINK.matcher(Mailbox.text(message));
		if (!link.find()) {
			throw new AssertionError("No first-login link in the message");
		}
		if (!link.group(1).equals(BASE_URL)) {
			throw new AssertionError("The link does not start with the configured address: " + link.group(1));
		}
		return "/first-login/start?token=" + link.group(2);
	}

	/** The token of a link path from {@link #pathIn}. */
	public static String tokenOf(String path) {
		return path.substring(path.indexOf("token=") + "token=".length());
	}

}
