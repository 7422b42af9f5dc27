package org.latchkey.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.signin.RememberedSignIn;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The cookie of a remembered device: its random secret (the database holds only a keyed hash), HttpOnly,
 * {@code __Host-} behind TLS like the session's. It is set when the person ticks "Don't ask for a code on this
 * device" on a second step, and read once a password was accepted, unless the request that led to the sign-in
 * is an application's that asks for a second factor or a recent sign-in ({@code acr_values}, {@code max_age},
 * {@code prompt=login}).
 */
@Component
class RememberedDeviceCookies {

	static final String NAME = "LATCHKEY_REMEMBERED";

	/** The checkbox on the second step's forms. */
	static final String FIELD = "remember";

	private final SecureTransport transport;

	private final RememberedSignIn remembered;

	RememberedDeviceCookies(SecureTransport transport, RememberedSignIn remembered) {
		this.transport = transport;
		this.remembered = remembered;
	}

	/** Remembers the browser when the person ticked the box and the administrator allows it. */
	void rememberIfAsked(HttpServletRequest request, HttpServletResponse response, SignInPrincipal principal) {
		if (!"on".equals(request.getParameter(FIELD))) {
			return;
		}
		this.remembered.remember(principal, request.getHeader(HttpHeaders.USER_AGENT))
			.ifPresent(secret -> response.addHeader(HttpHeaders.SET_COOKIE,
					cookie(request, secret, Duration.ofDays(this.remembered.days())).toString()));
	}

	/**
	 * Whether the browser is a device the user remembers and may stand in for the second factor of this
	 * sign-in: never when the sign-in was started by an application asking for a fresh or multi-factor one.
	 */
	boolean standsIn(HttpServletRequest request, SignInPrincipal principal, SavedRequest heading) {
		if (heading != null && asksForFreshFactor(UriComponentsBuilder.fromUriString(heading.getRedirectUrl())
			.build()
			.getQueryParams())) {
			return false;
		}
		Cookie[] cookies = request.getCookies();
		String name = this.transport.cookieName(NAME);
		String secret = (cookies == null) ? null
				: Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(Cookie::getValue).findFirst()
					.orElse(null);
		return secret != null && this.remembered.recognised(principal, secret);
	}

	/** The application's request asks for a second factor, a recent sign-in, or a new one. */
	private static boolean asksForFreshFactor(MultiValueMap<String, String> parameters) {
		return parameters.containsKey("max_age") || parameters.containsKey("acr_values")
				|| parameters.getOrDefault("prompt", List.of()).stream().anyMatch(value -> value.contains("login"));
	}

	private ResponseCookie cookie(HttpServletRequest request, String value, Duration lifetime) {
		return ResponseCookie.from(this.transport.cookieName(NAME), value)
			.httpOnly(true)
			.secure(this.transport.required() || request.isSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(lifetime)
			.build();
	}

}
