package org.latchkey.lockout.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.Signatures;
import org.latchkey.secret.TokenHasher;

import org.springframework.stereotype.Component;

/**
 * Device tokens (OWASP, "Slow down online guessing attacks with device cookies"): a browser in which a user
 * signed in successfully keeps a random nonce signed together with the user's account, and its failed sign-ins
 * to that account are counted on their own. Failures from anywhere else then cannot lock the user out of their
 * own browser. The signature binds the token to one account: for any other it is no token at all. The database
 * knows a device only by a keyed hash of its nonce. The web layer keeps the token in a cookie.
 */
@Component
public class Devices {

	private static final int VALUE_MAX = 200;

	private final Signatures signatures;

	private final TokenHasher hasher;

	private final RandomTokens tokens;

	Devices(Signatures signatures, TokenHasher hasher, RandomTokens tokens) {
		this.signatures = signatures;
		this.hasher = hasher;
		this.tokens = tokens;
	}

	/** The failure counter of the first of {@code tokens} that is valid for this account, if one is. */
	public Optional<String> deviceOf(List<String> tokens, long accountId) {
		return tokens.stream()
			.map(token -> nonceOf(token, accountId))
			.filter(Objects::nonNull)
			.findFirst()
			.map(nonce -> this.hasher.hash("device:" + nonce));
	}

	/** A new token for the account, for a browser that holds no valid one. */
	public String issue(long accountId) {
		String nonce = this.tokens.next();
		return nonce + "." + this.signatures.sign(signed(accountId, nonce));
	}

	private String nonceOf(String value, long accountId) {
		if (value == null || value.length() > VALUE_MAX) {
			return null;
		}
		int dot = value.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		String nonce = value.substring(0, dot);
		return this.signatures.verify(signed(accountId, nonce), value.substring(dot + 1)) ? nonce : null;
	}

	private static String signed(long accountId, String nonce) {
		return "device:" + accountId + ":" + nonce;
	}

}
