package org.latchkey.factor.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP (RFC 4226) and the TOTP time step (RFC 6238), written out because neither Spring Security nor the JDK
 * has them; both RFCs' test vectors pin this class.
 */
public final class OneTimePasswords {

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private OneTimePasswords() {
	}

	/**
	 * The HOTP value of a counter: HMAC of the 8-byte big-endian counter, dynamic truncation, modulo
	 * 10^digits, left-padded with zeros.
	 * @param algorithm a JCA MAC name: {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
	 */
	public static String hotp(byte[] key, long counter, int digits, String algorithm) {
		byte[] hash = hmac(key, ByteBuffer.allocate(Long.BYTES).putLong(counter).array(), algorithm);
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		String value = Integer.toString(binary % POWERS_OF_TEN[digits]);
		return "0".repeat(digits - value.length()) + value;
	}

	/** The TOTP time step of an instant: whole periods since the Unix epoch (a long: T passes 2^32 in 2106+). */
	public static long timeStep(long epochSeconds, long periodSeconds) {
		return Math.floorDiv(epochSeconds, periodSeconds);
	}

	private static byte[] hmac(byte[] key, byte[] message, String algorithm) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

}
