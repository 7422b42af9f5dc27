package org.latchkey.forwardauth.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How hosts and paths are read, for the sites an administrator lists and for the requests a proxy asks about.
 * A request's path is compared in the form the protected application will act on: percent-decoded, with
 * repeated slashes merged; a path that could be read two ways ({@code ..} or {@code .} segments, an encoded or
 * a back slash, bytes that are not UTF-8, control characters) is refused rather than guessed, so that no
 * spelling of {@code /admin} can pass as a path of a less guarded prefix.
 */
public final class SitePlaces {

	private static final Pattern HOST = Pattern
		.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/-]*");

	private static final int HOST_MAX = 253;

	private static final int PREFIX_MAX = 500;

	private SitePlaces() {
	}

	/** A host name as listed: lower case, no port, no scheme, no wildcard; empty when it is not one. */
	public static Optional<String> host(String text) {
		String host = text.strip().toLowerCase(Locale.ROOT);
		if (host.length() > HOST_MAX || !HOST.matcher(host).matches()) {
			return Optional.empty();
		}
		return Optional.of(host);
	}

	/** A path prefix as listed: {@code /} when blank, without a trailing slash; empty when it is not one. */
	public static Optional<String> pathPrefix(String text) {
		String prefix = text.strip();
		if (prefix.isEmpty()) {
			return Optional.of("/");
		}
		if (prefix.length() > PREFIX_MAX || !PREFIX.matcher(prefix).matches() || prefix.contains("//")
				|| hasDotSegment(prefix)) {
			return Optional.empty();
		}
		prefix = prefix.replaceAll("/+$", "");
		return Optional.of(prefix.isEmpty() ? "/" : prefix);
	}

	/** The host of a forwarded request ({@code X-Forwarded-Host}, or a return address's), without its port. */
	public static Optional<String> requestHost(String text) {
		String host = text.strip().toLowerCase(Locale.ROOT);
		int colon = host.lastIndexOf(':');
		if (colon >= 0) {
			String port = host.substring(colon + 1);
			if (!port.matches("[0-9]{1,5}")) {
				return Optional.empty();
			}
			host = host.substring(0, colon);
		}
		return host(host);
	}

	/**
	 * The path of a forwarded request ({@code X-Forwarded-Uri}: path and query), as the application behind the
	 * proxy will read it; empty when it cannot be read one way only.
	 */
	public static Optional<String> requestPath(String uri) {
		String path = uri;
		int end = indexOfAny(path, '?', '#');
		if (end >= 0) {
			path = path.substring(0, end);
		}
		if (!path.startsWith("/")) {
			return Optional.empty();
		}
		Optional<String> decoded = percentDecoded(path);
		if (decoded.isEmpty()) {
			return Optional.empty();
		}
		String plain = decoded.get();
		if (plain.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
			return Optional.empty();
		}
		if (path.toLowerCase(Locale.ROOT).contains("%2f") || path.toLowerCase(Locale.ROOT).contains("%5c")) {
			// an encoded slash makes two paths of one: the proxy's and the application's may differ
			return Optional.empty();
		}
		plain = plain.replaceAll("/{2,}", "/");
		if (hasDotSegment(plain)) {
			return Optional.empty();
		}
		return Optional.of(plain);
	}

	/** Whether a site's prefix covers a request's path: the same path, or one below it, never a longer name. */
	public static boolean covers(String prefix, String path) {
		return "/".equals(prefix) || path.equals(prefix) || path.startsWith(prefix + "/");
	}

	private static boolean hasDotSegment(String path) {
		for (String segment : path.split("/", -1)) {
			if (".".equals(segment) || "..".equals(segment)) {
				return true;
			}
		}
		return false;
	}

	private static int indexOfAny(String text, char a, char b) {
		int first = text.indexOf(a);
		int second = text.indexOf(b);
		if (first < 0) {
			return second;
		}
		return (second < 0) ? first : Math.min(first, second);
	}

	private static Optional<String> percentDecoded(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return Optional.empty();
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return Optional.empty();
				}
				bytes.write(high * 16 + low);
				i += 2;
			}
			else if (c > 0x7e || c < 0x20) {
				return Optional.empty();
			}
			else {
				bytes.write(c);
			}
		}
		try {
			return Optional.of(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

}
