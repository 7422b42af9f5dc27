package org.latchkey.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.lockout.SignInAttempt;
import org.latchkey.web.ClientAddresses;
import org.latchkey.web.SecureTransport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookie that carries a browser's device token for the sign-in's lockout, and the {@link SignInAttempt} a
 * request makes: its client address, the device tokens it sent and its session. Behind TLS the cookie is a
 * {@code __Host-} cookie, like the session's.
 */
@Component
class DeviceCookies {

	static final String NAME = "LATCHKEY_DEVICE";

	private static final String NOTHING_COUNTED = DeviceCookies.class.getName() + ".nothingCounted";

	private static final Duration LIFETIME = Duration.ofDays(180);

	private final SecureTransport transport;

	private final ClientAddresses addresses;

	DeviceCookies(SecureTransport transport, ClientAddresses addresses) {
		this.transport = transport;
		this.addresses = addresses;
	}

	/** The sign-in attempt {@code request} makes. */
	SignInAttempt attemptOf(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		List<String> tokens = (cookies == null) ? List.of()
				: Arrays.stream(cookies)
					.filter(cookie -> this.transport.cookieName(NAME).equals(cookie.getName()))
					.map(Cookie::getValue)
					.toList();
		SignInAttempt attempt = new SignInAttempt(this.addresses.of(request), tokens,
				(request.getSession(false) != null) ? request.getSession(false).getId() : null);
		return (request.getAttribute(NOTHING_COUNTED) != null) ? attempt.withNothingCounted() : attempt;
	}

	/**
	 * Notes that {@code request}, a step of a pending sign-in, found no failure counted against its browser for
	 * the sign-in's account ({@link LockedSignInInterceptor}): if the step completes the sign-in, there is no
	 * count to reset.
	 */
	static void nothingCounted(HttpServletRequest request) {
		request.setAttribute(NOTHING_COUNTED, Boolean.TRUE);
	}

	/** Gives the browser the device token the sign-in issued it. */
	void issue(HttpServletRequest request, HttpServletResponse response, String token) {
		ResponseCookie cookie = ResponseCookie.from(this.transport.cookieName(NAME), token)
			.httpOnly(true)
			.secure(this.transport.required() || request.isSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(LIFETIME)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
