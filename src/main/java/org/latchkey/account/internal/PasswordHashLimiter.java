package org.latchkey.account.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.latchkey.account.PasswordHashingBusyException;

/**
 * Bounds the password hashes running at once. Each Argon2 hash holds its whole memory cost (19 MiB by default)
 * while it runs, so without a bound every request thread could hash at once and a burst of sign-ins, or an
 * attacker's, would take gigabytes. A fair semaphore sized to the processors hands out permits in arrival
 * order; a caller that waits longer than the queue timeout gets a {@link PasswordHashingBusyException}, which
 * the web layer answers with a "busy, try again" page, rather than piling up.
 */
final class PasswordHashLimiter {

	private final Semaphore permits;

	private final Duration queueTimeout;

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	PasswordHashLimiter(int permits, Duration queueTimeout) {
		this.permits = new Semaphore(permits, true);
		this.queueTimeout = queueTimeout;
	}

	/** Runs the hash once a permit is free, or throws if none frees up within the queue timeout. */
	<T> T hash(Supplier<T> hash) {
		acquire();
		int now = this.running.incrementAndGet();
		this.mostAtOnce.accumulateAndGet(now, Math::max);
		try {
			return hash.get();
		}
		finally {
			this.running.decrementAndGet();
			this.permits.release();
		}
	}

	private void acquire() {
		try {
			if (!this.permits.tryAcquire(this.queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new PasswordHashingBusyException(this.queueTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException(this.queueTimeout);
		}
	}

	/** Hashes running now. */
	int running() {
		return this.running.get();
	}

	/** Callers waiting for a permit now (an estimate, as {@link Semaphore#getQueueLength()} says). */
	int queued() {
		return this.permits.getQueueLength();
	}

	/** The most hashes that ever ran at once, counted inside the permit. */
	int mostAtOnce() {
		return this.mostAtOnce.get();
	}

}
