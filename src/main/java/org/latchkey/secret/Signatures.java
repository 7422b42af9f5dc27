package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * Signatures (HMAC-SHA-256 under a key derived from the master key for this purpose only) of values the
 * server hands to a browser and later takes back, such as device cookies: a browser can keep them but not
 * forge or alter them.
 */
@Component
public class Signatures {

	private final byte[] key;

	Signatures(MasterKey masterKey) {
		this.key = masterKey.derive("latchkey/signature/v1", "HmacSHA256").getEncoded();
	}

	/** The signature of a value, URL-safe Base64 without padding. */
	public String sign(String value) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Hmac.sha256(this.key, value.getBytes(StandardCharsets.UTF_8)));
	}

	/** Whether a signature is the one of this value, compared in constant time. */
	public boolean verify(String value, String signature) {
		return MessageDigest.isEqual(sign(value).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

}
