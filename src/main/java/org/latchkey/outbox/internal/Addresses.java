package org.latchkey.outbox.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latchkey.system.Masks;

/** Finds the email addresses in a text, such as a mail server's error message, so they can be masked. */
public final class Addresses {

	private static final Pattern EMBEDDED_ADDRESS = Pattern.compile("([^@\\s<>\"',;:]+)@([^@\\s<>\"',;:]+)");

	private Addresses() {
	}

	/** Masks every address found in a text. */
	public static String maskWithin(String text) {
		return EMBEDDED_ADDRESS.matcher(text).replaceAll(match -> Matcher.quoteReplacement(Masks.email(match.group())));
	}

}
