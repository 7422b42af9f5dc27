package org.latchkey.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.lockout.ClientThrottle;
import org.latchkey.lockout.LockoutEvent;
import org.latchkey.web.ClientAddresses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429, with {@code Retry-After}, to the sign-in, first-login and reset forms of a client address
 * that made too many failed attempts within its minute; the error page says to wait. It runs before the
 * security filters, so a refused attempt costs no password hash. First-login and reset requests each count
 * as an attempt: whether they named an account must not show, and guessing links is an attack too.
 */
class ClientThrottleFilter extends OncePerRequestFilter {

	private final ClientThrottle throttle;

	private final ClientAddresses addresses;

	private final AuditLog audit;

	ClientThrottleFilter(ClientThrottle throttle, ClientAddresses addresses, AuditLog audit) {
		this.throttle = throttle;
		this.addresses = addresses;
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !(isSignIn(path(request)) || isRecovery(path(request)));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = this.addresses.of(request);
		Optional<ClientThrottle.Refusal> refusal = this.throttle.refusal(client);
		if (refusal.isPresent()) {
			if (refusal.get().first()) {
				this.audit.record(LockoutEvent.CLIENT_THROTTLED, AuditOutcome.FAILURE, null, null,
						"too many failed sign-in steps from this address; refused until " + refusal.get().until());
			}
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.get().secondsLeft()));
			response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
			return;
		}
		chain.doFilter(request, response);
		if (isRecovery(path(request))) {
			this.throttle.failed(client);
		}
	}

	private static String path(HttpServletRequest request) {
		return request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
	}

	private static boolean isSignIn(String path) {
		return path.equals("/login") || path.equals("/login/verify") || path.startsWith("/login/verify/");
	}

	private static boolean isRecovery(String path) {
		return path.equals("/first-login") || path.startsWith("/first-login/") || path.equals("/password-reset")
				|| path.startsWith("/password-reset/");
	}

}
