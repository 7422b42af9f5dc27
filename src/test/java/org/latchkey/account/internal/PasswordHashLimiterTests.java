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
		assertThat(new PasswordHashingSettings(null, Duration.ofSeconds(5)).permits())
			.isEqualTo(Runtime.getRuntime().availableProcessors());
	}

}
