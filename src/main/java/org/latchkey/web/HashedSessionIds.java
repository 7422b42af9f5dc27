package org.latchkey.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.latchkey.secret.RandomTokens;

import org.springframework.session.SessionIdGenerator;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Makes the id of every new or renewed session (sign-in, second factor, {@link SessionRenewal}) the SHA-256 of a
 * fresh secret that only the browser keeps, in its session cookie ({@link HashedSessionIdResolver}). The
 * database, and so any dump or backup of it, holds the hash only, from which no cookie can be made: whoever
 * reads it takes over no session.
 * <p>
 * The hash is not keyed: the secret is 256 bits from {@link java.security.SecureRandom}, so nothing can be
 * guessed and checked against a stolen hash, and sessions outlive a rotation of the master key untouched. The
 * request knows the secrets of the sessions it made and of those its cookies named, as a request attribute, until
 * its response writes the cookie; nothing else keeps them.
 */
class HashedSessionIds implements SessionIdGenerator {

	private static final String SECRETS = HashedSessionIds.class.getName() + ".secrets";

	private final RandomTokens tokens;

	HashedSessionIds(RandomTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public String generate() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			// no browser to give the secret to: the session could never be opened, so it must not be made
			throw new IllegalStateException("A session is made only while a request is handled");
		}
		return idOf(attributes.getRequest(), this.tokens.next());
	}

	/** The id a session is stored under, for the secret its cookie carries; the request remembers the secret. */
	String idOf(HttpServletRequest request, String secret) {
		String id = sha256(secret);
		secretsOf(request).put(id, secret);
		return id;
	}

	/** The secret of a session this request made or named in a cookie, for the cookie its response sends. */
	String secretOf(HttpServletRequest request, String id) {
		String secret = secretsOf(request).get(id);
		if (secret == null) {
			throw new IllegalStateException("This request neither made nor named the session it sends");
		}
		return secret;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> secretsOf(HttpServletRequest request) {
		Object secrets = request.getAttribute(SECRETS);
		if (secrets == null) {
			secrets = new HashMap<String, String>();
			request.setAttribute(SECRETS, secrets);
		}
		return (Map<String, String>) secrets;
	}

	private static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
