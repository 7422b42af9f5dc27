package org.latchkey.lockout.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * When consecutive failed sign-in steps lock an account (NIST SP 800-63B-4 §3.2.2): every fifth failure
 * locks it, for one minute the first time, twice as long each further time, never longer than an hour; the
 * hundredth locks it until an administrator unlocks it. Attempts made during a lock are refused unread and do
 * not count, so reaching a hundred takes hours.
 */
public final class LockoutSchedule {

	public static final int FAILURES_PER_LOCK = 5;

	public static final int FAILURES_FOR_GOOD = 100;

	public static final Duration FIRST_LOCK = Duration.ofMinutes(1);

	public static final Duration LONGEST_LOCK = Duration.ofHours(1);

	private LockoutSchedule() {
	}

	/** Whether this many consecutive failures lock the account until an administrator unlocks it. */
	public static boolean locksForGood(int failures) {
		return failures >= FAILURES_FOR_GOOD;
	}

	/** The lock that the failure bringing the count to {@code failures} starts, if it starts one. */
	public static Optional<Duration> lockAfter(int failures) {
		if (failures <= 0 || failures % FAILURES_PER_LOCK != 0) {
			return Optional.empty();
		}
		int doublings = Math.min(failures / FAILURES_PER_LOCK - 1, 12);
		Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
		return Optional.of((lock.compareTo(LONGEST_LOCK) < 0) ? lock : LONGEST_LOCK);
	}

}
