package org.latchkey.account.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many password hashes run at once, and how long a sign-in waits for its turn.
 *
 * @param concurrency the most hashes running at once; when unset, the number of processors, since a hash is
 * pure CPU work and more at once only adds memory (one Argon2 block array each) without adding throughput, but
 * never more than half the heap can hold, so that a burst of sign-ins cannot run the JVM out of memory
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

	/**
	 * The permits: the configured concurrency, or else the processors, as many as half of {@code maxHeapBytes}
	 * holds of hashes costing {@code hashBytes} each, and at least one.
	 */
	int permits(long maxHeapBytes, long hashBytes) {
		if (this.concurrency != null) {
			return this.concurrency;
		}
		long heapHolds = Math.max(1, maxHeapBytes / 2 / hashBytes);
		return (int) Math.min(Runtime.getRuntime().availableProcessors(), heapHolds);
	}

}
