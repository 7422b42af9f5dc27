package org.latchkey.sso.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses a provider may have: HTTPS, or plain HTTP on this machine's loopback only (a provider under
 * test, or one reached through a local tunnel); no credentials, no fragment.
 */
public final class ProviderUrls {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private ProviderUrls() {
	}

	public static boolean usable(String address) {
		if (address == null || address.length() > 1000) {
			return false;
		}
		try {
			URI uri = new URI(address);
			if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
				return false;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return scheme.equals("https")
					|| (scheme.equals("http") && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** A text from a provider, safe to put in an audit detail: printable ASCII, clipped. */
	public static String printable(String text, int max) {
		StringBuilder kept = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (kept.length() >= max) {
				break;
			}
			kept.append((c >= 0x20 && c < 0x7f) ? c : '?');
		}
		return kept.toString();
	}

}
