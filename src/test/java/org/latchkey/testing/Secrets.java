package org.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret the test harness handled during the run: passwords typed into forms, codes read from email or
 * computed from an app's key, link tokens, authenticator keys. {@code LogSecretsTests} looks for each of them
 * in the log of the whole run.
 */
public final class Secrets {

	/** Shorter values (refused passwords such as "password") are words a log may hold for other reasons. */
	private static final int MIN_PASSWORD_LENGTH = 12;

	private static final Set<String> seen = ConcurrentHashMap.newKeySet();

	static {
		seen.add(People.PASSWORD);
	}

	private Secrets() {
	}

	/** Remembers a code, token or key. */
	public static void seen(String secret) {
		if (secret != null && secret.length() >= 6) {
			seen.add(secret);
		}
	}

	/**
	 * A login or an address of a test person ({@link People#unique}), which tests type as a password to see it
	 * refused: not a secret, and the test SMTP server logs the addresses it creates mailboxes for.
	 */
	private static final Pattern PERSON = Pattern.compile(".*-\\d+-[0-9a-z]+(@.*)?");

	/** Remembers a password typed into a form, if it is long enough to be told apart from ordinary words. */
	public static void typedPassword(String password) {
		if (password != null && password.length() >= MIN_PASSWORD_LENGTH && !PERSON.matcher(password).matches()) {
			seen.add(password);
		}
	}

	public static Set<String> all() {
		return Set.copyOf(seen);
	}

	/**
	 * The secrets found in the lines. A number (a six-digit code) counts only standing alone, not inside a
	 * longer number such as a temporary directory's name.
	 */
	public static List<String> foundIn(List<String> lines, Set<String> secrets) {
		List<String> found = new ArrayList<>();
		for (String secret : secrets) {
			Pattern pattern = Pattern.compile(secret.chars().allMatch(Character::isDigit)
					? "(?<!\\d)" + secret + "(?!\\d)" : Pattern.quote(secret));
			lines.stream()
				.filter(line -> pattern.matcher(line).find())
				.findFirst()
				.ifPresent(line -> found.add(secret + " in: " + line.substring(0, Math.min(300, line.length()))));
		}
		return found;
	}

}
