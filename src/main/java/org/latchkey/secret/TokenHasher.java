package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.security.crypto.codec.Hex;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA-256 under a key derived from the master key) of one-time codes and link tokens, so
 * that the database holds nothing a reader of a dump could replay.
 */
@Component
public class TokenHasher {

	private final byte[] key;

	TokenHasher(MasterKey masterKey) {
		this.key = masterKey.derive("latchkey/token-hash/v1", "HmacSHA256").getEncoded();
	}

	/** The hash of a token, as 64 lower-case hex characters. */
	public String hash(String token) {
		return new String(Hex.encode(Hmac.sha256(this.key, token.getBytes(StandardCharsets.UTF_8))));
	}

	/** Compares a token with a stored hash in constant time. */
	public boolean matches(String token, String storedHash) {
		return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

}
