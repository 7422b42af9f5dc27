package org.latchkey.mail.internal;

import java.util.regex.Pattern;

import org.latchkey.outbox.InvalidRecipientException;

/**
 * What a recipient address must look like. Only bare addresses are accepted: no display name, no list, no
 * whitespace or control character that could add a header to a message.
 */
public final class Recipients {

	private static final int MAX = 254;

	private static final String ATOM = "[^@\\s\\p{C}<>()\\[\\]\\\\,;:\"]+";

	private static final Pattern ADDRESS = Pattern.compile(ATOM + "@" + ATOM + "\\." + ATOM);

	private Recipients() {
	}

	/** Returns the address without surrounding spaces, or throws {@link InvalidRecipientException}. */
	public static String check(String recipient) {
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

}
