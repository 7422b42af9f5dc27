package org.latchkey.web;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.latchkey.system.SystemSettings;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Whether Latchkey runs behind TLS, and what that means for a request and a cookie. The mode is on when the
 * public address ({@code latchkey.base-url}) is {@code https://}: the one setting an administrator already
 * gives, so that links, cookies and redirects cannot disagree about the scheme. The embedded default (no
 * base URL, plain HTTP on localhost) keeps plain cookie names, which browsers would refuse with the
 * {@code __Host-} prefix and no {@code Secure}.
 * <p>
 * A request arrived over TLS when the server's own TLS received it ({@code server.ssl.*}), or when a trusted
 * proxy (see {@link ClientAddresses}) says so with {@code X-Forwarded-Proto: https}. Every value of that
 * header must say {@code https}: a proxy that appends rather than replaces cannot turn a client's forged
 * {@code https} in front of its own {@code http} into a secure request.
 */
@Component
public class SecureTransport {

	private static final String HOST_PREFIX = "__Host-";

	private final @Nullable URI origin;

	private final ClientAddresses addresses;

	SecureTransport(SystemSettings settings, ClientAddresses addresses) {
		this.origin = originOf(settings.baseUrl());
		this.addresses = addresses;
	}

	private static @Nullable URI originOf(@Nullable String baseUrl) {
		if (baseUrl == null || !baseUrl.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
			return null;
		}
		URI base = URI.create(baseUrl.strip());
		return URI.create("https://" + base.getRawAuthority());
	}

	/** Whether the server runs behind TLS: every request must arrive over it, every cookie is secure. */
	public boolean required() {
		return this.origin != null;
	}

	/**
	 * The name to give a cookie: behind TLS with the {@code __Host-} prefix, which browsers accept only with
	 * {@code Secure}, {@code Path=/} and no {@code Domain}, from a secure origin; so no other host of the
	 * domain, and no one on the network over plain HTTP, can set or shadow it.
	 */
	public String cookieName(String name) {
		return required() ? HOST_PREFIX + name : name;
	}

	/** The scheme, host and port people reach this server at; only behind TLS. */
	URI origin() {
		if (this.origin == null) {
			throw new IllegalStateException("Not behind TLS");
		}
		return this.origin;
	}

	boolean arrivedOverTls(HttpServletRequest request) {
		if (request.isSecure()) {
			return true;
		}
		if (!this.addresses.isFromTrustedProxy(request)) {
			return false;
		}
		List<String> protocols = Collections.list(request.getHeaders("X-Forwarded-Proto"))
			.stream()
			.flatMap(header -> List.of(header.split(",")).stream())
			.map(String::strip)
			.toList();
		return !protocols.isEmpty() && protocols.stream().allMatch("https"::equalsIgnoreCase);
	}

}
