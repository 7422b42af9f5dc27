package org.latchkey.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.session.SignedInSessions;

import org.springframework.stereotype.Component;

/**
 * Gives a browser a new session holding what its old one held, and deletes the old one. Renewing the id of a
 * stored session in place ({@code request.changeSessionId()}) is not enough with sessions in the database: a
 * request that loaded the session before the renewal writes its old id back when it ends, and whoever knew
 * that id (one planted in the victim's browser) holds the signed-in session again. A deleted session cannot
 * come back. A signed-in session's record follows it ({@link SignedInSessions#moved}).
 */
@Component
class SessionRenewal {

	private final SignedInSessions sessions;

	SessionRenewal(SignedInSessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * Moves the request's session into a new one, at a sign-in step or after a step-up. Not to be called inside
	 * a transaction that holds rows other requests wait for: the session store takes a connection of its own.
	 * @return whether the session was signed in (its record followed it)
	 */
	boolean renew(HttpServletRequest request) {
		HttpSession old = request.getSession();
		String previousId = old.getId();
		// the request that recorded the session as signed in gave it the time of that sign-in, and every renewal
		// since copied it: a session without it has no record to move
		boolean recorded = old.getAttribute(SessionLifetimeFilter.SIGNED_IN_AT) != null;
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (String name : Collections.list(old.getAttributeNames())) {
			attributes.put(name, old.getAttribute(name));
		}
		int maxInactiveInterval = old.getMaxInactiveInterval();
		old.invalidate();
		HttpSession renewed = request.getSession(true);
		renewed.setMaxInactiveInterval(maxInactiveInterval);
		attributes.forEach(renewed::setAttribute);
		return recorded && this.sessions.moved(previousId, renewed.getId());
	}

}
