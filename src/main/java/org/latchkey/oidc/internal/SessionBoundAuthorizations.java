package org.latchkey.oidc.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.oidc.OidcClients;
import org.latchkey.secret.TokenHasher;
import org.latchkey.session.SessionsEnding;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.FederatedSignIn;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.system.InLists;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The authorizations (codes and tokens) granted to applications, kept in the database, each tied to the
 * signed-in session it was granted in: however that session ends (signed out, timed out, ended by an
 * administrator, a password change, two-factor authentication switched on) revokes them in the same
 * transaction. A session over by its timeout is ended at the latest when one of its tokens is presented. The signed-in person is stored
 * as their login with the roles and factors of their sign-in, which is what tokens are made from.
 * <p>
 * Every code, token and consent {@code state} is stored as its keyed hash ({@link TokenHasher}), never as the
 * value an application holds, so a copy of the database grants nothing. Spring's service still does the
 * storing: it is handed an authorization whose values are hashes, and asked for one by the hash of the
 * presented value under each master key in use. What it finds is given back with the presented value in place
 * of the hash that matched, because the revocation and introspection endpoints pick the token out by its value;
 * the other values stay hashes, and no endpoint sends a stored value back to a client: the token endpoint
 * answers with the tokens it has just made (refresh tokens are replaced at each use, see {@code OidcClients}).
 * A code or refresh token is spent once, even by concurrent token requests: the database decides which one
 * ({@link #save}).
 */
class SessionBoundAuthorizations implements OAuth2AuthorizationService {

	/** The tokens Spring's JDBC service stores, each in a column of its own. */
	private static final List<Class<? extends OAuth2Token>> STORED_TOKENS = List.of(OAuth2AuthorizationCode.class,
			OAuth2AccessToken.class, OidcIdToken.class, OAuth2RefreshToken.class, OAuth2UserCode.class,
			OAuth2DeviceCode.class);

	/** Under which a request keeps what {@link #findByToken} found, and the session {@link #sessionOf} found. */
	private static final String LOOKED_UP = SessionBoundAuthorizations.class.getName() + ".LOOKED_UP";

	private static final String SESSION_OF = SessionBoundAuthorizations.class.getName() + ".SESSION_OF";

	private final JdbcOAuth2AuthorizationService stored;

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final SpentGrants spentGrants;

	private final SignedInSessions sessions;

	private final TransactionOperations transactions;

	SessionBoundAuthorizations(JdbcOAuth2AuthorizationService stored, JdbcClient jdbc, TokenHasher hasher,
			SignedInSessions sessions, TransactionOperations transactions) {
		this.stored = stored;
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.sessions = sessions;
		this.spentGrants = new SpentGrants(jdbc);
		this.transactions = transactions;
	}

	/**
	 * Saves an authorization; if it spends a code or refresh token a token request read, only once that value
	 * is claimed ({@link SpentGrants}), in the same transaction. A request that loses the claim to another
	 * presenting the same value gets {@code invalid_grant} before any token reaches it, and its tokens are
	 * never stored. A code spent twice is a replay (RFC 6749 §4.1.2): as when it comes after the exchange, the
	 * tokens issued on it are revoked. A refresh token spent twice is refused like a rotated one presented
	 * again, leaving the tokens that replaced it valid.
	 */
	@Override
	public void save(OAuth2Authorization authorization) {
		forgetReads();
		SpentGrants.AsRead asRead = SpentGrants.asRead(authorization);
		OAuth2Authorization saved = SpentGrants.withoutAsRead(authorization);
		List<String> spent = (asRead != null) ? asRead.spentBy(saved) : List.of();
		try {
			this.transactions.executeWithoutResult(status -> {
				this.spentGrants.claim(spent, saved.getId());
				store(saved);
			});
		}
		catch (DuplicateKeyException ex) {
			if (asRead != null && asRead.codeSpentBy(saved)) {
				this.transactions.executeWithoutResult(status -> revokeTokensIssuedOn(saved.getId()));
			}
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	/**
	 * Invalidates the refresh token (with its access token) or the access token of an authorization, as Spring
	 * does when a code is exchanged again; the other request's transaction, which holds them, has committed.
	 */
	private void revokeTokensIssuedOn(String authorizationId) {
		OAuth2Authorization current = this.stored.findById(authorizationId);
		if (current == null) {
			return;
		}
		OAuth2Authorization.Token<? extends OAuth2Token> issued = (current.getRefreshToken() != null)
				? current.getRefreshToken() : current.getAccessToken();
		if (issued != null) {
			this.stored.save(OAuth2Authorization.from(current).invalidate(issued.getToken()).build());
		}
	}

	private void store(OAuth2Authorization authorization) {
		this.stored.save(hashed(portable(authorization), this.stored.findById(authorization.getId())));
		HttpSession session = currentSession();
		// granted in a browser's signed-in session (the authorization endpoint), not by a client's call; the
		// session is locked until the link is stored, so it cannot end in between and leave its tokens valid
		if (session != null && this.sessions.lockIfSignedIn(session.getId())) {
			this.jdbc.sql("""
					INSERT INTO oidc_session_authorization (authorization_id, session_id)
					SELECT a.id, :session FROM oauth2_authorization a WHERE a.id = :authorization
					AND NOT EXISTS (SELECT 1 FROM oidc_session_authorization WHERE authorization_id = :authorization)
					""").param("authorization", authorization.getId()).param("session", session.getId()).update();
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		forgetReads();
		this.stored.remove(authorization);
	}

	/** Forgets what this request read ({@link #findByToken}, {@link #sessionOf}): a save may change it. */
	private static void forgetReads() {
		RequestMemo.forget(LOOKED_UP);
		RequestMemo.forget(SESSION_OF);
	}

	/**
	 * Reads, like {@link #findByToken}, in a transaction: Spring's service looks the client up while it maps the row, and outside a
	 * transaction that second query would take a second connection, so that concurrent token requests could
	 * each hold one and wait for another until the pool is exhausted.
	 */
	@Override
	public OAuth2Authorization findById(String id) {
		return this.transactions.execute(status -> this.stored.findById(id));
	}

	/**
	 * Looks an authorization up by a presented value once per request ({@link RequestMemo}): a code exchange asks
	 * twice, for the PKCE check and for the grant, and the second gets what the first read. A save or removal in
	 * the request forgets it, and two requests never share it: which of them spends a value is still decided by
	 * the database.
	 */
	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return RequestMemo.get(LOOKED_UP, new LookUp(token, tokenType), () -> read(token, tokenType));
	}

	private OAuth2Authorization read(String token, OAuth2TokenType tokenType) {
		for (String hash : this.hasher.hashes(token)) {
			OAuth2Authorization found = this.transactions.execute(status -> this.stored.findByToken(hash, tokenType));
			if (found != null) {
				return endedWithItsSession(found) ? null
						: SpentGrants.read(found, replaced(found, value -> value.equals(hash) ? token : value));
			}
		}
		return null;
	}

	/**
	 * Whether the authorization was granted in a session that is over by its idle or absolute timeout, though
	 * its browser never came back to end it: the session ends now, and the authorization with it.
	 */
	private boolean endedWithItsSession(OAuth2Authorization authorization) {
		String session = sessionOf(authorization.getId());
		if (session != null && this.sessions.endIfExpired(session)) {
			RequestMemo.forget(SESSION_OF);
			return true;
		}
		return false;
	}

	/**
	 * The authorization with each value hashed, except those already stored for it as they are: the hashes
	 * Spring's providers carry over from what {@link #findByToken} or {@link #findById} gave them.
	 */
	private OAuth2Authorization hashed(OAuth2Authorization authorization, OAuth2Authorization before) {
		return replaced(authorization, value -> storedIn(before, value) ? value : this.hasher.hash(value));
	}

	private static boolean storedIn(OAuth2Authorization authorization, String value) {
		return authorization != null && (authorization.getToken(value) != null
				|| value.equals(authorization.getAttribute(OAuth2ParameterNames.STATE)));
	}

	/** The authorization with every token value and its consent {@code state} passed through a function. */
	private static OAuth2Authorization replaced(OAuth2Authorization authorization, UnaryOperator<String> values) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
		for (Class<? extends OAuth2Token> type : STORED_TOKENS) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null) {
				// the builder keeps the token's metadata (claims, invalidation) under its type
				builder.token(withValue(token.getToken(), values.apply(token.getToken().getTokenValue())));
			}
		}
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			builder.attribute(OAuth2ParameterNames.STATE, values.apply(state));
		}
		return builder.build();
	}

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (Objects.equals(token.getTokenValue(), value)) {
			return token;
		}
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
		}
		if (token instanceof OAuth2RefreshToken) {
			return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2AuthorizationCode) {
			return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2UserCode) {
			return new OAuth2UserCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2DeviceCode) {
			return new OAuth2DeviceCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		throw new IllegalArgumentException("A token Spring's service does not store: " + token.getClass().getName());
	}

	/**
	 * The session an authorization was granted in, if it is still signed in; read once per request until a save
	 * (the look-up and the ID token's {@code sid} both ask).
	 */
	String sessionOf(String authorizationId) {
		return RequestMemo.get(SESSION_OF, authorizationId, () -> this.jdbc
			.sql("SELECT session_id FROM oidc_session_authorization WHERE authorization_id = :id")
			.param("id", authorizationId)
			.query(String.class)
			.optional()
			.orElse(null));
	}

	/**
	 * Revokes, with the sessions ending, every authorization granted in them. Their ids are read first, then
	 * deleted by name: H2 runs a {@code DELETE ... WHERE id IN (SELECT ...)} subquery again for every row it deletes
	 * once another request has written to the table read. The ending sessions' rows are locked, so no
	 * authorization is linked to them in between.
	 */
	@EventListener
	void on(SessionsEnding event) {
		List<String> granted = this.jdbc
			.sql("SELECT authorization_id FROM oidc_session_authorization WHERE session_id IN (:sessions)")
			.param("sessions", event.sessionIds())
			.query(String.class)
			.list();
		for (List<String> part : InLists.parts(granted)) {
			this.jdbc.sql("DELETE FROM oauth2_authorization WHERE id IN (:ids)").param("ids", part).update();
		}
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
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (GrantedAuthority authority : principal.getAuthorities()) {
			if (authority instanceof FederatedSignIn federated) {
				// what an identity provider said, in authorities the stored JSON may name
				authorities.addAll(federated.asPlainAuthorities());
			}
			else {
				authorities.add(authority);
			}
		}
		Authentication login = UsernamePasswordAuthenticationToken.authenticated(person.getUsername(), null,
				authorities);
		return OAuth2Authorization.from(authorization)
			.attributes(attributes -> attributes.put(Principal.class.getName(), login))
			.build();
	}

	private record LookUp(String token, OAuth2TokenType type) {
	}

	private static HttpSession currentSession() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getSession(false);
		}
		return null;
	}

}
