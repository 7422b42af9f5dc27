package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.latchkey.secret.internal.Hmac;
import org.latchkey.secret.internal.KeyRing;

import org.springframework.security.crypto.codec.Hex;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA-256 under a key derived from the master key) of one-time codes and link tokens, so
 * that the database holds nothing a reader of a dump could replay. New hashes use the current master key; a
 * hash made under a previous key still matches while that key is configured, so codes and links sent before a
 * key rotation keep working until they expire (a day at most).
 */
@Component
public class TokenHasher {

	private final List<byte[]> keys;

	TokenHasher(KeyRing keys) {
		this.keys = keys.all()
			.stream()
			.map(key -> key.derive("latchkey/token-hash/v1", "HmacSHA256").getEncoded())
			.toList();
	}

	/** The hash of a token under the current key, as 64 lower-case hex characters: the one to store. */
	public String hash(String token) {
		return hash(this.keys.get(0), token);
	}

	/** The hashes of a token under every known key, the current one first: the ones to look a token up by. */
	public List<String> hashes(String token) {
		return this.keys.stream().map(key -> hash(key, token)).toList();
	}

	/** Compares a token with a stored hash in constant time, under every known key. */
	public boolean matches(String token, String storedHash) {
		boolean matches = false;
		for (byte[] key : this.keys) {
			matches |= MessageDigest.isEqual(hash(key, token).getBytes(StandardCharsets.US_ASCII),
					storedHash.getBytes(StandardCharsets.US_ASCII));
		}
		return matches;
	}

	private static String hash(byte[] key, String token) {
		return new String(Hex.encode(Hmac.sha256(key, token.getBytes(StandardCharsets.UTF_8))));
	}

}
