package org.latchkey.account.internal;

import java.text.Normalizer;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id behind a delegating encoder: each hash carries its algorithm id, and a
 * hash made with weaker parameters is upgraded at the next successful sign-in. Passwords are NFKC-normalised
 * before hashing, at choice and at sign-in alike. Every hash, made or checked, waits for a permit of the
 * {@link PasswordHashLimiter}, so the memory hashes take is bounded whatever the load.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AccountSettings.class, PasswordHashingSettings.class })
class PasswordHashing {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	@Bean
	PasswordHashLimiter passwordHashLimiter(PasswordHashingSettings settings, AccountSettings accounts,
			MeterRegistry meters) {
		long hashBytes = 1024L * accounts.argon2().memoryKib();
		var limiter = new PasswordHashLimiter(settings.permits(Runtime.getRuntime().maxMemory(), hashBytes),
				settings.queueTimeout());
		Gauge.builder("latchkey.password.hash.running", limiter, PasswordHashLimiter::running)
			.description("Password hashes running now (at most latchkey.password-hashing.concurrency)")
			.register(meters);
		Gauge.builder("latchkey.password.hash.queued", limiter, PasswordHashLimiter::queued)
			.description("Sign-ins waiting for a password hashing permit")
			.register(meters);
		return limiter;
	}

	@Bean
	PasswordEncoder passwordEncoder(AccountSettings settings, PasswordHashLimiter limiter, MeterRegistry meters) {
		AccountSettings.Argon2 cost = settings.argon2();
		var argon2 = new Argon2idPasswordEncoder(SALT_BYTES, HASH_BYTES,
				new Argon2id(cost.memoryKib(), cost.iterations(), cost.parallelism()));
		// latchkey_password_hash_seconds{operation="encode|matches"}: the cost the benchmark calls the hash floor
		Timer encoding = Timer.builder("latchkey.password.hash").tag("operation", "encode")
			.description("Time to hash a password with Argon2id").register(meters);
		Timer matching = Timer.builder("latchkey.password.hash").tag("operation", "matches")
			.description("Time to hash a password with Argon2id").register(meters);
		return new NormalisingPasswordEncoder(new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2)),
				limiter, encoding, matching);
	}

	// The timers measure the hash alone, inside the permit: the hash floor, not the time spent queued.
	private record NormalisingPasswordEncoder(PasswordEncoder delegate, PasswordHashLimiter limiter, Timer encoding,
			Timer matching) implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return this.limiter.hash(() -> this.encoding.record(() -> this.delegate.encode(normalise(rawPassword))));
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return this.limiter
				.hash(() -> this.matching.record(() -> this.delegate.matches(normalise(rawPassword), encodedPassword)));
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
