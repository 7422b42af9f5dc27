package org.latchkey.account.internal;

import java.text.Normalizer;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id behind a delegating encoder: each hash carries its algorithm id, and a
 * hash made with weaker parameters is upgraded at the next successful sign-in. Passwords are NFKC-normalised
 * before hashing, at choice and at sign-in alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountSettings.class)
class PasswordHashing {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	@Bean
	PasswordEncoder passwordEncoder(AccountSettings settings, MeterRegistry meters) {
		AccountSettings.Argon2 cost = settings.argon2();
		var argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, cost.parallelism(), cost.memoryKib(),
				cost.iterations());
		// latchkey_password_hash_seconds{operation="encode|matches"}: the cost the benchmark calls the hash floor
		Timer encoding = Timer.builder("latchkey.password.hash").tag("operation", "encode")
			.description("Time to hash a password with Argon2id").register(meters);
		Timer matching = Timer.builder("latchkey.password.hash").tag("operation", "matches")
			.description("Time to hash a password with Argon2id").register(meters);
		return new NormalisingPasswordEncoder(new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2)),
				encoding, matching);
	}

	private record NormalisingPasswordEncoder(PasswordEncoder delegate, Timer encoding,
			Timer matching) implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return this.encoding.record(() -> this.delegate.encode(normalise(rawPassword)));
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return this.matching.record(() -> this.delegate.matches(normalise(rawPassword), encodedPassword));
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return this.delegate.upgradeEncoding(encodedPassword);
		}

		private static String normalise(CharSequence rawPassword) {
			return Normalizer.normalize(rawPassword, Normalizer.Form.NFKC);
		}

	}

}
