package org.latchkey.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.latchkey.secret.RandomTokens;

import org.springframework.session.SessionIdGenerator;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Makes the id of every new or renewed session (sign-in, second factor, {@link SessionRenewal}) the SHA-256 of a
 * fresh secret that only the browser keeps, in its session cookie ({@link HashedSessionIdResolver}). The
 * database, and so any dump or backup of it, holds the hash only, from which no cookie can be made: whoever
 * reads it takes over no session.
 * <p>
 * The hash is not keyed: the secret is 256 bits from {@link java.security.SecureRandom}, so nothing can be
 * guessed and checked against a stolen hash, and sessions outlive a rotation of the master key untouched. The
 * secret is held, until the response writes its cookie, as an attribute of the request that made it.
 */
class HashedSessionIds implements SessionIdGenerator {

	private static final String SECRETS = HashedSessionIds.class.getName() + ".secrets";

	private final RandomTokens tokens;

	HashedSessionIds(RandomTokens tokens) {
		this.tokens = tokens;
	}

	/** The id a session is stored under, for the secret its cookie carries: 64 lower-case hex characters. */
	static String idOf(String secret) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public String generate() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			// no browser to give the secret to: the session could never be opened, so it must not be made
			throw new IllegalStateException("A session is made only while a request is handled");
		}
		String secret = this.tokens.next();
		String id = idOf(secret);
		secretsOf(request).put(id, secret);
		return id;
	}

	/** The secret of a session this request made, for its cookie. */
	String secretOf(HttpServletRequest request, String id) {
		Object secrets = request.getAttribute(SECRETS);
		String secret = (secrets instanceof Map<?, ?> map) ? (String) map.get(id) : null;
		if (secret == null) {
			throw new IllegalStateException("The session to send was not made while this request was handled");
		}
		return secret;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> secretsOf(RequestAttributes request) {
		Object secrets = request.getAttribute(SECRETS, RequestAttributes.SCOPE_REQUEST);
		if (secrets == null) {
			secrets = new HashMap<String, String>();
			request.setAttribute(SECRETS, secrets, RequestAttributes.SCOPE_REQUEST);
		}
		return (Map<String, String>) secrets;
	}

}
