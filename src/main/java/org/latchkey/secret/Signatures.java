package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.latchkey.secret.internal.Hmac;
import org.latchkey.secret.internal.KeyRing;

import org.springframework.stereotype.Component;

/**
 * Signatures (HMAC-SHA-256 under a key derived from the master key for this purpose only) of values the
 * server hands to a browser and later takes back, such as device cookies: a browser can keep them but not
 * forge or alter them.
 */
@Component
public class Signatures {

	/** One key per master key, the current one first: signatures made before a rotation still verify. */
	private final List<byte[]> keys;

	Signatures(KeyRing keyRing) {
		this.keys = keyRing.all()
			.stream()
			.map(masterKey -> masterKey.derive("latchkey/signature/v1", "HmacSHA256").getEncoded())
			.toList();
	}

	/** The signature of a value under the current master key, URL-safe Base64 without padding. */
	public String sign(String value) {
		return sign(this.keys.get(0), value);
	}

	/** Whether a signature is the one of this value under any key in use, compared in constant time. */
	public boolean verify(String value, String signature) {
		byte[] presented = signature.getBytes(StandardCharsets.US_ASCII);
		return this.keys.stream()
			.anyMatch(key -> MessageDigest.isEqual(sign(key, value).getBytes(StandardCharsets.US_ASCII), presented));
	}

	private static String sign(byte[] key, String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Hmac.sha256(key, value.getBytes(StandardCharsets.UTF_8)));
	}

}
