package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.TokenHasher;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;

/**
 * Each session's CSRF token, kept out of the stored session data: the session holds a random seed, and the
 * token is the seed's keyed hash ({@link TokenHasher}), so a copy of the database, which holds the sessions,
 * gives no token a forged request could carry. Spring Security's default stores the token itself.
 */
@Component
class SessionCsrfTokens implements CsrfTokenRepository {

	private static final String SEED = "latchkey.csrfSeed";

	private static final String HEADER = "X-CSRF-TOKEN";

	private static final String PARAMETER = "_csrf";

	private final RandomTokens random;

	private final TokenHasher hasher;

	SessionCsrfTokens(RandomTokens random, TokenHasher hasher) {
		this.random = random;
		this.hasher = hasher;
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		String seed = this.random.next();
		return new SeededToken(seed, new DefaultCsrfToken(HEADER, PARAMETER, token(seed)));
	}

	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token instanceof SeededToken seeded) {
			request.getSession().setAttribute(SEED, seeded.seed());
			return;
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(SEED);
		}
	}

	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(SEED) instanceof String seed)
				? new DefaultCsrfToken(HEADER, PARAMETER, token(seed)) : null;
	}

	private String token(String seed) {
		return this.hasher.hash("csrf/" + seed);
	}

	/** A new token with the seed it came from, which is what the session keeps. */
	private record SeededToken(String seed, CsrfToken token) implements CsrfToken {

		@Override
		public String getHeaderName() {
			return this.token.getHeaderName();
		}

		@Override
		public String getParameterName() {
			return this.token.getParameterName();
		}

		@Override
		public String getToken() {
			return this.token.getToken();
		}

	}

}
