package org.latchkey.factor;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latchkey.factor.internal.OneTimePasswords;

import static org.assertj.core.api.Assertions.assertThat;

/** HOTP and TOTP against the test vectors of RFC 4226 Appendix D and RFC 6238 Appendix B. */
class OneTimePasswordsTests {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "counter {0} gives {1}")
	@CsvSource({ "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
			"7, 162583", "8, 399871", "9, 520489" })
	void hotpMatchesRfc4226(long counter, String expected) {
		assertThat(OneTimePasswords.hotp(SHA1_SEED, counter, 6, "HmacSHA1")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "t={0}")
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void totpMatchesRfc6238WithEachHashsOwnSeed(long seconds, String sha1, String sha256, String sha512) {
		long step = OneTimePasswords.timeStep(seconds, 30);

		assertThat(OneTimePasswords.hotp(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
		assertThat(OneTimePasswords.hotp(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
		assertThat(OneTimePasswords.hotp(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
	}

	@ParameterizedTest(name = "t={0}")
	@CsvSource({ "59, 287082", "1111111109, 081804" })
	void sixDigitsAreTheLastSixOfEightWithLeadingZerosKept(long seconds, String expected) {
		assertThat(OneTimePasswords.hotp(SHA1_SEED, OneTimePasswords.timeStep(seconds, 30), 6, "HmacSHA1"))
			.isEqualTo(expected);
	}

}
