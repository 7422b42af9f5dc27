package org.latchkey.oidc;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.session.SessionsEnding;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The authorizations (codes and tokens) granted to applications, kept in the database, each tied to the
 * signed-in session it was granted in: ending that session on the server (an administrator, a password change,
 * two-factor authentication switched on) revokes them in the same transaction. The signed-in person is stored
 * as their login with the roles and factors of their sign-in, which is what tokens are made from.
 */
class SessionBoundAuthorizations implements OAuth2AuthorizationService {

	private final JdbcOAuth2AuthorizationService stored;

	private final JdbcClient jdbc;

	SessionBoundAuthorizations(JdbcOAuth2AuthorizationService stored, JdbcClient jdbc) {
		this.stored = stored;
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		this.stored.save(portable(authorization));
		HttpSession session = currentSession();
		if (session != null) {
			// granted in a browser's signed-in session (the authorization endpoint), not by a client's call
			this.jdbc.sql("""
					INSERT INTO oidc_session_authorization (authorization_id, session_id)
					SELECT :authorization, s.session_id FROM signed_in_session s WHERE s.session_id = :session
					AND NOT EXISTS (SELECT 1 FROM oidc_session_authorization WHERE authorization_id = :authorization)
					""").param("authorization", authorization.getId()).param("session", session.getId()).update();
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.stored.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.stored.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return this.stored.findByToken(token, tokenType);
	}

	/** The session an authorization was granted in, if it is still signed in. */
	String sessionOf(String authorizationId) {
		return this.jdbc.sql("SELECT session_id FROM oidc_session_authorization WHERE authorization_id = :id")
			.param("id", authorizationId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** Revokes, with the sessions ending, every authorization granted in them. */
	@EventListener
	void on(SessionsEnding event) {
		this.jdbc.sql("""
				DELETE FROM oauth2_authorization WHERE id IN
				(SELECT authorization_id FROM oidc_session_authorization WHERE session_id IN (:sessions))
				""").param("sessions", event.sessionIds()).update();
	}

	/**
	 * The authorization with its principal as the login, roles and factors of the sign-in: the session's own
	 * principal class is not one the stored JSON may name.
	 */
	private static OAuth2Authorization portable(OAuth2Authorization authorization) {
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		if (principal == null || !(principal.getPrincipal() instanceof SignInPrincipal person)) {
			return authorization;
		}
		Authentication login = UsernamePasswordAuthenticationToken.authenticated(person.getUsername(), null,
				principal.getAuthorities());
		return OAuth2Authorization.from(authorization)
			.attributes(attributes -> attributes.put(Principal.class.getName(), login))
			.build();
	}

	private static HttpSession currentSession() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getSession(false);
		}
		return null;
	}

}
