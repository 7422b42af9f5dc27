package org.latchkey.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The session cookie's domain ({@code latchkey.cookie-domain}, {@code LATCHKEY_COOKIE_DOMAIN}): a host name
 * such as {@code example.com}, whose hosts then all receive the cookie, as forward authentication needs when
 * the sites behind a proxy are siblings of Latchkey's host. A value that is not a host name stops the start
 * rather than giving a cookie browsers would drop.
 */
final class CookieDomains {

	/** The prefix of a secure cookie that has a domain ({@code __Host-} allows none). */
	static final String SECURE_PREFIX = "__Secure-";

	private CookieDomains() {
	}

	/** The domain, lower case and without a leading dot; null when none is set. */
	static @Nullable String checked(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String domain = text.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
		if (!domain.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")
				|| domain.length() > 253) {
			throw new IllegalStateException("latchkey.cookie-domain (LATCHKEY_COOKIE_DOMAIN) is not a host name");
		}
		return domain;
	}

}
