package org.latchkey.outbox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the template name of an email or an SMS may be: lower-case words joined by dashes, short enough for
 * the outbox's column, so it can name files and message keys safely.
 */
public final class TemplateNames {

	private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final int MAX = 60;

	private TemplateNames() {
	}

	/** @throws IllegalArgumentException when the name is not lower-case words joined by dashes */
	public static void check(String template) {
		Objects.requireNonNull(template, "template must not be null");
		if (template.length() > MAX || !TEMPLATE.matcher(template).matches()) {
			throw new IllegalArgumentException("template must be lower-case words joined by dashes");
		}
	}

}
