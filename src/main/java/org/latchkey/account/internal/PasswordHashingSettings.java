package org.latchkey.account.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many password hashes run at once, and how long a sign-in waits for its turn.
 *
 * @param concurrency the most hashes running at once; the number of processors when unset, since a hash is
 * pure CPU work and more at once only adds memory (one Argon2 block array each) without adding throughput
 * @param queueTimeout how long a caller waits in the queue before it is told the server is busy
 */
@ConfigurationProperties("latchkey.password-hashing")
record PasswordHashingSettings(Integer concurrency, @DefaultValue("5s") Duration queueTimeout) {

	PasswordHashingSettings {
		if (concurrency != null && concurrency < 1) {
			throw new IllegalArgumentException(
					"latchkey.password-hashing.concurrency is " + concurrency + "; it must be at least 1");
		}
		if (queueTimeout.isNegative()) {
			throw new IllegalArgumentException("latchkey.password-hashing.queue-timeout must not be negative");
		}
	}

	int permits() {
		return (this.concurrency != null) ? this.concurrency : Runtime.getRuntime().availableProcessors();
	}

}
