package org.latchkey.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Spring Session's cookie, carrying the secret of a session rather than its id: a cookie's value is read as the
 * id {@link HashedSessionIds} stores for it, and a cookie sent for a session gets the secret its id was made from. An
 * id read from the database and sent as a cookie is hashed again and opens nothing. The cookie itself (name,
 * flags, encoding) is written by the resolver this one wraps.
 */
class HashedSessionIdResolver implements HttpSessionIdResolver {

	private final CookieHttpSessionIdResolver cookies;

	private final HashedSessionIds ids;

	HashedSessionIdResolver(CookieHttpSessionIdResolver cookies, HashedSessionIds ids) {
		this.cookies = cookies;
		this.ids = ids;
	}

	@Override
	public List<String> resolveSessionIds(HttpServletRequest request) {
		return this.cookies.resolveSessionIds(request)
			.stream()
			.map(secret -> this.ids.idOf(request, secret))
			.toList();
	}

	@Override
	public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
		this.cookies.setSessionId(request, response, this.ids.secretOf(request, sessionId));
	}

	@Override
	public void expireSession(HttpServletRequest request, HttpServletResponse response) {
		this.cookies.expireSession(request, response);
	}

}
