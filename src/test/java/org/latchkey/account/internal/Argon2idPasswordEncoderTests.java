package org.latchkey.account.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Hashes Spring Security's Argon2 encoder made are checked here, and the other way round. */
class Argon2idPasswordEncoderTests {

	private static final String PASSWORD = "p\u00e4ssword of several unrelated words";

	private final Argon2idPasswordEncoder encoder = new Argon2idPasswordEncoder(16, 32, new Argon2id(1024, 2, 1));

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 1024, 2);

	@Test
	void writesWhatSpringSecurityWritesAndReads() {
		String hash = this.encoder.encode(PASSWORD);

		assertThat(hash).matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
		assertThat(this.spring.matches(PASSWORD, hash)).isTrue();
		assertThat(this.spring.matches(PASSWORD + " ", hash)).isFalse();
		assertThat(this.encoder.encode(PASSWORD)).isNotEqualTo(hash);
	}

	@Test
	void checksWhatSpringSecurityWroteAtAnyCost() {
		String same = this.spring.encode(PASSWORD);
		String other = new Argon2PasswordEncoder(24, 48, 2, 512, 3).encode(PASSWORD);

		assertThat(this.encoder.matches(PASSWORD, same)).isTrue();
		assertThat(this.encoder.matches(PASSWORD, other)).isTrue();
		assertThat(this.encoder.matches("the wrong password", same)).isFalse();
		assertThat(this.encoder.matches("the wrong password", other)).isFalse();
		assertThat(this.encoder.matches(PASSWORD, same)).isTrue();
	}

	@Test
	void upgradesHashesOfLessMemoryOrFewerIterations() {
		assertThat(this.encoder.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 512, 2).encode(PASSWORD))).isTrue();
		assertThat(this.encoder.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 1024, 1).encode(PASSWORD))).isTrue();
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode(PASSWORD))).isFalse();
		assertThat(this.encoder.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 2048, 3).encode(PASSWORD)))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "$argon2i$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
			"$argon2id$v=16$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g",
			"$argon2id$v=19$m=1024,t=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g",
			"$argon2id$v=19$m=1024,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g",
			"$argon2id$v=19$m=2147483647,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g",
			"$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g",
			"$argon2id$v=19$m=1024,t=2,p=1$not*base64$aGFzaGhhc2g",
			"$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGE",
			"$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g$more" })
	void malformedStoredHashMatchesNothingAndIsNotUpgraded(String stored) {
		assertThat(this.encoder.matches(PASSWORD, stored)).isFalse();
		assertThat(this.encoder.upgradeEncoding(stored)).isFalse();
	}

}
