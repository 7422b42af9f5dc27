package org.latchkey.oidc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.latchkey.oidc.OidcClients;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * Makes an authorization code and each refresh token usable once, even by requests that present it at the same
 * moment. Spring's providers read the authorization, issue tokens and save it by its id, checking nothing; so
 * the authorization a request reads carries what it held then (its {@link AsRead} attribute, never stored), and
 * the save that spends a code or a refresh token first claims it here by its stored hash. The claim is one
 * insert under a primary key: of several requests that read the same value, one inserts it, the others fail
 * on the duplicate key and their transaction, tokens included, is rolled back.
 */
class SpentGrants {

	/** The attribute under which an authorization carries what it held when read; removed before storing. */
	static final String AS_READ = SpentGrants.class.getName() + ".asRead";

	private final JdbcClient jdbc;

	SpentGrants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The authorization given to a request, carrying the code and refresh token stored when it was read. */
	static OAuth2Authorization read(OAuth2Authorization stored, OAuth2Authorization given) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = stored.getToken(OAuth2AuthorizationCode.class);
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = stored.getRefreshToken();
		AsRead asRead = new AsRead(code != null && !code.isInvalidated() ? code.getToken().getTokenValue() : null,
				refresh != null ? refresh.getToken().getTokenValue() : null,
				given.getRefreshToken() != null ? given.getRefreshToken().getToken().getTokenValue() : null);
		return OAuth2Authorization.from(given).attribute(AS_READ, asRead).build();
	}

	/** What a request read, if it read the authorization it saves through a token it was given. */
	static AsRead asRead(OAuth2Authorization authorization) {
		return authorization.getAttribute(AS_READ);
	}

	/** The authorization as it is stored: without what a request read. */
	static OAuth2Authorization withoutAsRead(OAuth2Authorization authorization) {
		return OAuth2Authorization.from(authorization).attributes(attributes -> attributes.remove(AS_READ)).build();
	}

	/**
	 * Claims, in the caller's transaction, every value the saved authorization spends.
	 * @throws org.springframework.dao.DuplicateKeyException if another request has claimed one first
	 */
	void claim(List<String> spent, String authorizationId) {
		for (String hash : spent) {
			this.jdbc.sql("INSERT INTO oidc_spent_token (token_hash, authorization_id) VALUES (:hash, :authorization)")
				.param("hash", hash)
				.param("authorization", authorizationId)
				.update();
		}
	}

	/**
	 * The code and refresh token an authorization held when a request read it: the stored hash of its code if
	 * the code was still unused, the stored hash of its refresh token, and that token's value as the request
	 * was given it (the presented value if the request was given the authorization for it).
	 */
	record AsRead(String unusedCode, String refreshToken, String refreshTokenAsGiven) {

		/** Whether saving this authorization spends the code read unused: Spring invalidates it on exchange. */
		boolean codeSpentBy(OAuth2Authorization saved) {
			OAuth2Authorization.Token<OAuth2AuthorizationCode> code = saved.getToken(OAuth2AuthorizationCode.class);
			return this.unusedCode != null && code != null && code.isInvalidated();
		}

		/** The stored hashes of the values saving this authorization spends. */
		List<String> spentBy(OAuth2Authorization saved) {
			List<String> spent = new ArrayList<>();
			if (codeSpentBy(saved)) {
				spent.add(this.unusedCode);
			}
			OAuth2Authorization.Token<OAuth2RefreshToken> refresh = saved.getRefreshToken();
			// a refresh token is spent when it is replaced: refresh tokens are not reused (OidcClients)
			if (this.refreshToken != null && refresh != null
					&& !Objects.equals(refresh.getToken().getTokenValue(), this.refreshTokenAsGiven)) {
				spent.add(this.refreshToken);
			}
			return spent;
		}

	}

}
