package org.latchkey.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.session.EndReason;
import org.latchkey.session.SessionSettings;
import org.latchkey.session.SignedInSessions;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session that has lasted longer than the absolute timeout since sign-in, however active it was, and
 * sends the person to the sign-in page with a message saying why.
 */
public class SessionLifetimeFilter extends OncePerRequestFilter {

	/** The session attribute holding when the session was signed in, from which its absolute lifetime runs. */
	static final String SIGNED_IN_AT = "latchkey.signedInAt";

	private final SessionSettings settings;

	private final SignedInSessions sessions;

	private final Clock clock;

	SessionLifetimeFilter(SessionSettings settings, SignedInSessions sessions, Clock clock) {
		this.settings = settings;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt
				&& this.clock.instant().isAfter(signedInAt.plus(this.settings.absoluteTimeout()))) {
			this.sessions.ended(session.getId(), EndReason.EXPIRED);
			session.invalidate();
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?expired");
			return;
		}
		chain.doFilter(request, response);
	}

}
