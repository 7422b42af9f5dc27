package org.latchkey.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret the test harness handled during the run: passwords typed into forms, codes read from email or
 * computed from an app's key, link tokens, authenticator keys, the session and device cookies browsers were
 * given and the CSRF tokens of the forms they read. {@code LogSecretsTests} looks for each of them in the log
 * of the whole run.
 */
public final class Secrets {

	/** Shorter values (refused passwords such as "password") are words a log may hold for other reasons. */
	private static final int MIN_PASSWORD_LENGTH = 12;

	/** The shortest secret remembered: a six-digit code. */
	private static final int MIN_LENGTH = 6;

	/** A part of a cookie's value shorter than this is no secret of its own. */
	private static final int MIN_PART_LENGTH = 16;

	/** The session cookie, under the name it has over http or over https; the device cookie likewise. */
	private static final Pattern TRACKED_COOKIE = Pattern.compile("(__Host-)?LATCHKEY_(SESSION|DEVICE)");

	/** Each secret and what it is, for the count the scan prints. */
	private static final Map<String, String> seen = new ConcurrentHashMap<>();

	static {
		seen.put(People.PASSWORD, "passwords");
	}

	private Secrets() {
	}

	/** Remembers a code, token or key. */
	public static void seen(String secret) {
		remember(secret, "codes, tokens and keys");
	}

	/**
	 * A login or an address of a test person ({@link People#unique}), which tests type as a password to see it
	 * refused: not a secret, and the test SMTP server logs the addresses it creates mailboxes for.
	 */
	private static final Pattern PERSON = Pattern.compile(".*-\\d+-[0-9a-z]+(@.*)?");

	/** Remembers a password typed into a form, if it is long enough to be told apart from ordinary words. */
	public static void typedPassword(String password) {
		if (password != null && password.length() >= MIN_PASSWORD_LENGTH && !PERSON.matcher(password).matches()) {
			seen.putIfAbsent(password, "passwords");
		}
	}

	/**
	 * Remembers the value of a cookie a browser was given, when it is the session's or the device cookie: the
	 * value as sent, what it decodes to (the session id as the server knows it, under Spring Session's Base64)
	 * and each long part of a signed value (the device cookie's nonce).
	 */
	public static void cookie(String name, String value) {
		if (value == null || !TRACKED_COOKIE.matcher(name).matches()) {
			return;
		}
		String kind = "session and device cookies";
		remember(value, kind);
		decoded(value).ifPresent(id -> remember(id, kind));
		for (String part : value.split("\\.")) {
			if (part.length() >= MIN_PART_LENGTH && !part.equals(value)) {
				remember(part, kind);
			}
		}
	}

	/**
	 * Remembers a CSRF token read from a form: as the page carries it, masked with fresh random bytes, and as
	 * the session holds it (Spring Security's XOR masking: the random half XOR the masked half).
	 */
	public static void csrfToken(String value) {
		String kind = "CSRF tokens";
		remember(value, kind);
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(value);
			int half = bytes.length / 2;
			byte[] token = new byte[half];
			for (int i = 0; i < half; i++) {
				token[i] = (byte) (bytes[i] ^ bytes[half + i]);
			}
			printable(token).ifPresent(unmasked -> remember(unmasked, kind));
		}
		catch (IllegalArgumentException ex) {
			// not a masked token (a test's forged value): only the value itself is remembered
		}
	}

	public static Set<String> all() {
		return Set.copyOf(seen.keySet());
	}

	/** How many secrets of each kind are remembered. */
	public static Map<String, Integer> countsByKind() {
		Map<String, Integer> counts = new TreeMap<>();
		seen.values().forEach(kind -> counts.merge(kind, 1, Integer::sum));
		return counts;
	}

	/**
	 * The secrets found in the lines, each with the first line that holds it. A number (a six-digit code) counts
	 * only standing alone, not inside a longer number such as a temporary directory's name. One pass over the
	 * lines: the secrets are indexed by their first characters, so each position of a line costs one look-up
	 * whatever the number of secrets.
	 */
	public static List<String> foundIn(List<String> lines, Set<String> secrets) {
		int prefix = secrets.stream().mapToInt(String::length).min().orElse(0);
		Map<String, List<String>> byPrefix = new HashMap<>();
		for (String secret : secrets) {
			byPrefix.computeIfAbsent(secret.substring(0, prefix), start -> new ArrayList<>()).add(secret);
		}
		Map<String, String> found = new LinkedHashMap<>();
		for (String line : lines) {
			for (int at = 0; at + prefix <= line.length() && !byPrefix.isEmpty(); at++) {
				List<String> candidates = byPrefix.get(line.substring(at, at + prefix));
				if (candidates == null) {
					continue;
				}
				for (String secret : candidates) {
					if (!found.containsKey(secret) && standsAt(line, at, secret)) {
						found.put(secret, line.substring(0, Math.min(300, line.length())));
					}
				}
			}
		}
		List<String> answer = new ArrayList<>();
		found.forEach((secret, line) -> answer.add(secret + " in: " + line));
		return answer;
	}

	private static boolean standsAt(String line, int at, String secret) {
		if (!line.startsWith(secret, at)) {
			return false;
		}
		if (!secret.chars().allMatch(Character::isDigit)) {
			return true;
		}
		int end = at + secret.length();
		return (at == 0 || !Character.isDigit(line.charAt(at - 1)))
				&& (end == line.length() || !Character.isDigit(line.charAt(end)));
	}

	private static void remember(String secret, String kind) {
		if (secret != null && secret.length() >= MIN_LENGTH) {
			seen.putIfAbsent(secret, kind);
		}
	}

	private static Optional<String> decoded(String value) {
		try {
			return printable(Base64.getDecoder().decode(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The bytes as text when they are printable ASCII, as an id or a token is. */
	private static Optional<String> printable(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0x21 || b > 0x7e) {
				return Optional.empty();
			}
		}
		return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
	}

}
