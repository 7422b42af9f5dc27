package org.latchkey.account.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Latchkey's Argon2id gives the reference implementation's tags, and BouncyCastle's, in memory it is handed. */
class Argon2idTests {

	@Test
	void givesTheReferenceImplementationsTag() {
		// the reference implementation's test suite: "password", "somesalt", m=65536, t=2, p=1, 32 bytes
		Argon2id argon2 = new Argon2id(65536, 2, 1);

		byte[] tag = argon2.hash(bytes("password"), bytes("somesalt"), 32, new long[argon2.memoryLongs()]);

		assertThat(HexFormat.of().formatHex(tag))
			.isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
	}

	@ParameterizedTest(name = "m={0}, t={1}, p={2}, {3} bytes")
	@CsvSource({ "8, 1, 1, 32", "32, 3, 4, 32", "64, 2, 2, 16", "100, 1, 3, 64", "1024, 2, 1, 65", "1030, 3, 2, 100",
			"7168, 1, 1, 4", "2048, 4, 8, 32", "300, 1, 1, 1024" })
	void givesBouncyCastlesTag(int memoryKib, int iterations, int lanes, int length) {
		byte[] password = bytes("correct horse battery staple " + memoryKib);
		byte[] salt = bytes("salt of sixteen " + lanes);
		Argon2id argon2 = new Argon2id(memoryKib, iterations, lanes);

		byte[] tag = argon2.hash(password, salt, length, new long[argon2.memoryLongs()]);

		assertThat(tag).isEqualTo(bouncyCastle(memoryKib, iterations, lanes, password, salt, length));
	}

	@Test
	void memoryLeftByAnotherHashChangesNothingAndIsZeroedAfterward() {
		Argon2id argon2 = new Argon2id(256, 2, 2);
		long[] memory = new long[argon2.memoryLongs() + 5];
		Arrays.fill(memory, 0x5a5a5a5a5a5a5a5aL);
		byte[] first = argon2.hash(bytes("first"), bytes("the first salt"), 32, memory);

		assertThat(Arrays.stream(memory, 0, argon2.memoryLongs()).allMatch(word -> word == 0)).isTrue();
		assertThat(memory[argon2.memoryLongs()]).isEqualTo(0x5a5a5a5a5a5a5a5aL);
		assertThat(argon2.hash(bytes("second"), bytes("the second salt"), 32, memory))
			.isEqualTo(bouncyCastle(256, 2, 2, bytes("second"), bytes("the second salt"), 32));
		assertThat(argon2.hash(bytes("first"), bytes("the first salt"), 32, memory)).isEqualTo(first);
	}

	@Test
	void refusesMemoryShorterThanTheCostAndCostsBelowTheMinimum() {
		Argon2id argon2 = new Argon2id(64, 1, 1);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> argon2.hash(bytes("p"), bytes("salt"), 32, new long[argon2.memoryLongs() - 1]));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2id(15, 1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2id(64, 0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2id(64, 1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2id(1 << 24, 1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2id(1 << 23, 1, 1 << 30));
	}

	private static byte[] bouncyCastle(int memoryKib, int iterations, int lanes, byte[] password, byte[] salt,
			int length) {
		var generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(memoryKib)
			.withIterations(iterations)
			.withParallelism(lanes)
			.withSalt(salt)
			.build());
		byte[] tag = new byte[length];
		generator.generateBytes(password, tag);
		return tag;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
