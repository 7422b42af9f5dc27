package org.latchkey.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.session.SignedInSessions;

import org.springframework.security.web.session.InvalidSessionStrategy;

/**
 * Sends a request whose session no longer exists to the sign-in page, saying why when the server ended it
 * (two-factor authentication switched on, account disabled…) and that it expired otherwise.
 */
class EndedSessionStrategy implements InvalidSessionStrategy {

	private final SignedInSessions sessions;

	EndedSessionStrategy(SignedInSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void onInvalidSessionDetected(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String target = this.sessions.whyEnded(request.getRequestedSessionId())
			.map(reason -> "/login?ended=" + reason.name().toLowerCase(Locale.ROOT))
			.orElse("/login?expired");
		request.getSession();
		response.sendRedirect(request.getContextPath() + target);
	}

}
