package org.latchkey.sms.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A header the generic HTTP provider is sent, such as an API key. Headers are typed one per line,
 * {@code Name: value}; their values are treated as secrets.
 */
public record ProviderHeader(String name, String value) {

	/** RFC 9110 token characters. */
	private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

	/** Visible characters and inner spaces: no line break that could add a header. */
	private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,998}[\\x21-\\x7E])?");

	static final int MAX = 20;

	/** Headers the HTTP client sets itself and refuses to take from anyone else. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	/**
	 * Reads {@code Name: value} lines, blank lines skipped.
	 * @throws IllegalArgumentException when a line is not a header or there are too many
	 */
	public static List<ProviderHeader> parse(String lines) {
		List<ProviderHeader> headers = new ArrayList<>();
		for (String line : lines.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("A header line has no colon");
			}
			String name = line.substring(0, colon).strip();
			String value = line.substring(colon + 1).strip();
			if (!NAME.matcher(name).matches() || !VALUE.matcher(value).matches()
					|| RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("A header line is not Name: value");
			}
			headers.add(new ProviderHeader(name, value));
		}
		if (headers.size() > MAX) {
			throw new IllegalArgumentException("Too many headers");
		}
		return List.copyOf(headers);
	}

	/** The lines {@link #parse} reads back. */
	static String format(List<ProviderHeader> headers) {
		StringBuilder lines = new StringBuilder();
		headers.forEach(header -> lines.append(header.name()).append(": ").append(header.value()).append('\n'));
		return lines.toString();
	}

	/** Keeps the value, which may be an API key, out of logs and exception messages. */
	@Override
	public String toString() {
		return "ProviderHeader[" + this.name + "]";
	}

}
