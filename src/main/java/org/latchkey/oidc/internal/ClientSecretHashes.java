package org.latchkey.oidc.internal;

import org.latchkey.secret.TokenHasher;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How client secrets are kept: a keyed hash (HMAC-SHA-256 under a key derived from the master key). A secret
 * is 256 random bits, so a slow password hash would add nothing but time to every token request; the key
 * keeps a database dump from being checked against guesses offline. Not a bean: the accounts' password
 * encoder is the application's one {@link PasswordEncoder}; the client authentication is given this one.
 */
public class ClientSecretHashes implements PasswordEncoder {

	private final TokenHasher hasher;

	public ClientSecretHashes(TokenHasher hasher) {
		this.hasher = hasher;
	}

	@Override
	public String encode(CharSequence secret) {
		return this.hasher.hash(secret.toString());
	}

	@Override
	public boolean matches(CharSequence secret, String hash) {
		return secret != null && hash != null && this.hasher.matches(secret.toString(), hash);
	}

}
