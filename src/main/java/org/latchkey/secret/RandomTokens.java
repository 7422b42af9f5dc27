package org.latchkey.secret;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/** Unguessable tokens for links: 256 bits from {@link SecureRandom}, URL-safe Base64 without padding. */
@Component
public class RandomTokens {

	private final SecureRandom random = new SecureRandom();

	public String next() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
