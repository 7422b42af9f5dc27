package org.latchkey.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Gives a browser a new session holding what its old one held, and deletes the old one. Renewing the id of a
 * stored session in place ({@code request.changeSessionId()}) is not enough with sessions in the database: a
 * request that loaded the session before the renewal writes its old id back when it ends, and whoever knew
 * that id (one planted in the victim's browser) holds the signed-in session again. A deleted session cannot
 * come back.
 */
public final class SessionRenewal {

	private SessionRenewal() {
	}

	/** Moves the request's session into a new one; returns the new session's id. */
	public static String renew(HttpServletRequest request) {
		HttpSession old = request.getSession();
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (String name : Collections.list(old.getAttributeNames())) {
			attributes.put(name, old.getAttribute(name));
		}
		int maxInactiveInterval = old.getMaxInactiveInterval();
		old.invalidate();
		HttpSession renewed = request.getSession(true);
		renewed.setMaxInactiveInterval(maxInactiveInterval);
		attributes.forEach(renewed::setAttribute);
		return renewed.getId();
	}

}
