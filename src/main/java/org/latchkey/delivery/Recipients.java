package org.latchkey.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latchkey.system.Masks;

/**
 * What a recipient address must look like, and how it appears where it must not be read in full (logs,
 * console). Only bare addresses are accepted: no display name, no list, no whitespace or control character
 * that could add a header to a message.
 */
final class Recipients {

	static final int MAX = 254;

	private static final String ATOM = "[^@\\s\\p{C}<>()\\[\\]\\\\,;:\"]+";

	private static final Pattern ADDRESS = Pattern.compile(ATOM + "@" + ATOM + "\\." + ATOM);

	private static final Pattern EMBEDDED_ADDRESS = Pattern.compile("([^@\\s<>\"',;:]+)@([^@\\s<>\"',;:]+)");

	private Recipients() {
	}

	/** Returns the address without surrounding spaces, or throws {@link InvalidRecipientException}. */
	static String check(String recipient) {
		if (recipient == null || recipient.isBlank()) {
			throw new InvalidRecipientException("delivery.recipient.required");
		}
		String value = recipient.strip();
		if (value.length() > MAX) {
			throw new InvalidRecipientException("delivery.recipient.too-long");
		}
		if (!ADDRESS.matcher(value).matches()) {
			throw new InvalidRecipientException("delivery.recipient.invalid");
		}
		return value;
	}

	/** Masks every address found in a text, such as a mail server's error message. */
	static String maskWithin(String text) {
		return EMBEDDED_ADDRESS.matcher(text).replaceAll(match -> Matcher.quoteReplacement(Masks.email(match.group())));
	}

}
