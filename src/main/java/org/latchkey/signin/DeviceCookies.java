package org.latchkey.signin;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.Signatures;
import org.latchkey.secret.TokenHasher;
import org.latchkey.system.SecureTransport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser in which a
 * user signed in successfully keeps a random nonce signed together with the user's account, and its
 * failed sign-ins to that account are counted on their own. Failures from anywhere else then cannot lock the
 * user out of their own browser. The signature binds the cookie to one account: for any other it is no
 * cookie at all. The database knows a device only by a keyed hash of its nonce. Behind TLS it is a
 * {@code __Host-} cookie, like the session's.
 */
@Component
class DeviceCookies {

	static final String NAME = "LATCHKEY_DEVICE";

	private static final Duration LIFETIME = Duration.ofDays(180);

	private static final int VALUE_MAX = 200;

	private final Signatures signatures;

	private final TokenHasher hasher;

	private final RandomTokens tokens;

	private final SecureTransport transport;

	DeviceCookies(Signatures signatures, TokenHasher hasher, RandomTokens tokens, SecureTransport transport) {
		this.signatures = signatures;
		this.hasher = hasher;
		this.tokens = tokens;
		this.transport = transport;
	}

	/** The failure counter of the browser's device cookie for this account, if it holds a valid one. */
	Optional<String> deviceOf(HttpServletRequest request, long accountId) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		return Arrays.stream(cookies)
			.filter(cookie -> this.transport.cookieName(NAME).equals(cookie.getName()))
			.map(cookie -> nonceOf(cookie.getValue(), accountId))
			.filter(Objects::nonNull)
			.findFirst()
			.map(nonce -> this.hasher.hash("device:" + nonce));
	}

	/** Gives the browser a device cookie for the account, unless it already holds a valid one. */
	void issue(HttpServletRequest request, HttpServletResponse response, long accountId) {
		if (deviceOf(request, accountId).isPresent()) {
			return;
		}
		String nonce = this.tokens.next();
		String value = nonce + "." + this.signatures.sign(signed(accountId, nonce));
		ResponseCookie cookie = ResponseCookie.from(this.transport.cookieName(NAME), value)
			.httpOnly(true)
			.secure(this.transport.required() || request.isSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(LIFETIME)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private String nonceOf(String value, long accountId) {
		if (value == null || value.length() > VALUE_MAX) {
			return null;
		}
		int dot = value.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		String nonce = value.substring(0, dot);
		return this.signatures.verify(signed(accountId, nonce), value.substring(dot + 1)) ? nonce : null;
	}

	private static String signed(long accountId, String nonce) {
		return "device:" + accountId + ":" + nonce;
	}

}
