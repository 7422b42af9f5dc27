package org.latchkey.account.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.latchkey.account.PasswordHashingBusyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limiter on its own: a hash runs inside a permit and gives its result back, a caller who finds every permit
 * held past the queue timeout is told the server is busy, and a permit is given back whether the hash succeeds
 * or fails. Permits are held by latches, never by sleeping, so no timing decides a result.
 */
class PasswordHashLimiterTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void hashRunsInsideAPermitAndGivesItsResult() {
		var limiter = new PasswordHashLimiter(1, Duration.ofSeconds(5));

		assertThat(limiter.hash(() -> limiter.running())).isEqualTo(1);
		assertThat(limiter.running()).isZero();
		assertThat(limiter.mostAtOnce()).isEqualTo(1);
	}

	@Test
	void callerWhoFindsEveryPermitHeldPastTheQueueTimeoutIsToldTheServerIsBusy() throws Exception {
		var limiter = new PasswordHashLimiter(2, Duration.ofMillis(50));
		CountDownLatch holding = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService holders = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 2; i++) {
				holders.submit(() -> limiter.hash(() -> {
					holding.countDown();
					try {
						return release.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						return false;
					}
				}));
			}
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

			assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> limiter.hash(() -> "late"))
				.satisfies(busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofMillis(50)))
				.withMessageNotContaining("late");
			assertThat(limiter.running()).isEqualTo(2);
		}
		finally {
			release.countDown();
			holders.shutdown();
			assertThat(holders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(limiter.hash(() -> "in time")).isEqualTo("in time");
		assertThat(limiter.mostAtOnce()).isEqualTo(2);
	}

	@Test
	void permitIsGivenBackWhenTheHashFails() {
		var limiter = new PasswordHashLimiter(1, Duration.ZERO);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> limiter.hash(() -> {
			throw new IllegalStateException("broken hash");
		}));

		assertThat(limiter.hash(() -> "next")).isEqualTo("next");
		assertThat(limiter.running()).isZero();
	}

	@Test
	void concurrencyBelowOneIsRefusedAtStart() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new PasswordHashingSettings(0, Duration.ofSeconds(5)))
			.withMessageContaining("latchkey.password-hashing.concurrency");
	}

	@Test
	void permitsAreTheProcessorsAsFarAsHalfTheHeapHoldsTheirHashes() {
		var unset = new PasswordHashingSettings(null, Duration.ofSeconds(5));
		long hash = 19 * MIB;
		int processors = Runtime.getRuntime().availableProcessors();

		assertThat(unset.permits(4096 * MIB, hash)).isEqualTo(processors);
		assertThat(unset.permits(80 * MIB, hash)).isEqualTo(Math.min(processors, 2));
		assertThat(unset.permits(20 * MIB, hash)).as("one hash always runs").isEqualTo(1);
		assertThat(new PasswordHashingSettings(7, Duration.ofSeconds(5)).permits(20 * MIB, hash))
			.as("a configured concurrency is the operator's choice").isEqualTo(7);
	}

}
