package latchkey.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An authenticator app, as a phone computes it: RFC 6238 with SHA-1, 6 digits and 30-second steps. */
final class Totp {

	static final long PERIOD_SECONDS = 30;

	private Totp() {
	}

	/** The time step of now. */
	static long currentStep() {
		return System.currentTimeMillis() / 1000 / PERIOD_SECONDS;
	}

	/** The code of {@code step} for a key. */
	static String code(byte[] key, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[19] & 0xf;
			int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
					| (hash[offset + 2] & 0xff) << 8 | (hash[offset + 3] & 0xff)) % 1_000_000;
			return String.format(Locale.ROOT, "%06d", value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	/** RFC 4648 Base32, as the setup page shows the key (upper case, no padding). */
	static byte[] base32(String text) {
		String alphabet = BASE32;
		byte[] out = new byte[text.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int index = 0;
		for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
			int value = alphabet.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not Base32: " + c);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out[index++] = (byte) (buffer >> (bits - 8));
				bits -= 8;
			}
		}
		return out;
	}

	/** A key in Base32 (upper case, no padding), as it is given to another server. */
	static String base32(byte[] key) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : key) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

}
