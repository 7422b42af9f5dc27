package org.latchkey.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.PasswordHashingBusyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that waited too long for a password hashing permit ends on the product's "busy, try again" page
 * as a 503 with {@code Retry-After}, never as a 500. The wait can end inside the security filters (the sign-in
 * form is checked there) as well as in a controller, so this filter, outside them all, catches it; answered
 * here it is not logged with its stack trace either, which under the very load that caused it would flood the
 * log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BusyAnswers extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			PasswordHashingBusyException busy = busy(ex);
			if (busy == null || response.isCommitted()) {
				throw ex;
			}
			response.setHeader(HttpHeaders.RETRY_AFTER,
					Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
			request.setAttribute(ErrorPages.REASON, "busy");
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
		}
	}

	private static PasswordHashingBusyException busy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof PasswordHashingBusyException busy) {
				return busy;
			}
		}
		return null;
	}

}
