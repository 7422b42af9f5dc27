package org.latchkey.lockout.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout schedule on its own: every fifth consecutive failure locks, one minute first, twice as long each
 * further time, an hour at most; the hundredth failure locks for good.
 */
class LockoutScheduleTests {

	@Test
	void fourFailuresInARowLockNothing() {
		for (int failures = 1; failures <= 4; failures++) {
			assertThat(LockoutSchedule.lockAfter(failures)).as("after %d failures", failures).isEmpty();
		}
	}

	@Test
	void theFifthFailureLocksForOneMinute() {
		assertThat(LockoutSchedule.lockAfter(5)).contains(Duration.ofMinutes(1));
	}

	@Test
	void failuresBetweenTwoFifthsStartNoLock() {
		for (int failures : new int[] { 6, 7, 8, 9, 11, 14, 96, 99 }) {
			assertThat(LockoutSchedule.lockAfter(failures)).as("after %d failures", failures).isEmpty();
		}
	}

	@Test
	void eachFurtherFifthFailureDoublesTheLock() {
		assertThat(LockoutSchedule.lockAfter(10)).contains(Duration.ofMinutes(2));
		assertThat(LockoutSchedule.lockAfter(15)).contains(Duration.ofMinutes(4));
		assertThat(LockoutSchedule.lockAfter(20)).contains(Duration.ofMinutes(8));
		assertThat(LockoutSchedule.lockAfter(25)).contains(Duration.ofMinutes(16));
		assertThat(LockoutSchedule.lockAfter(30)).contains(Duration.ofMinutes(32));
	}

	@Test
	void theLockStopsGrowingAtAnHour() {
		// 64 minutes once more doubled: held to the hour, and so every lock after it
		assertThat(LockoutSchedule.lockAfter(35)).contains(Duration.ofHours(1));
		assertThat(LockoutSchedule.lockAfter(40)).contains(Duration.ofHours(1));
		assertThat(LockoutSchedule.lockAfter(95)).contains(Duration.ofHours(1));
	}

	@Test
	void countsFarBeyondAHundredStillLockForAnHourWithoutOverflowing() {
		assertThat(LockoutSchedule.lockAfter(1_000)).contains(Duration.ofHours(1));
		assertThat(LockoutSchedule.lockAfter(Integer.MAX_VALUE / 5 * 5)).contains(Duration.ofHours(1));
	}

	@Test
	void noFailureOrANegativeCountLocksNothing() {
		assertThat(LockoutSchedule.lockAfter(0)).isEmpty();
		assertThat(LockoutSchedule.lockAfter(-5)).isEmpty();
		assertThat(LockoutSchedule.locksForGood(0)).isFalse();
		assertThat(LockoutSchedule.locksForGood(-100)).isFalse();
	}

	@Test
	void theHundredthFailureLocksForGoodAndTheNinetyNinthDoesNot() {
		assertThat(LockoutSchedule.locksForGood(99)).isFalse();
		assertThat(LockoutSchedule.locksForGood(100)).isTrue();
		assertThat(LockoutSchedule.locksForGood(101)).isTrue();
	}

	@Test
	void reachingAHundredFailuresTakesNineteenLocksAndOverFifteenHours() {
		Duration locked = Duration.ZERO;
		int locks = 0;
		for (int failures = 1; failures < LockoutSchedule.FAILURES_FOR_GOOD; failures++) {
			Duration lock = LockoutSchedule.lockAfter(failures).orElse(Duration.ZERO);
			locked = locked.plus(lock);
			locks += lock.isZero() ? 0 : 1;
		}
		assertThat(locks).isEqualTo(19);
		// 1 + 2 + 4 + 8 + 16 + 32 minutes, then thirteen hours
		assertThat(locked).isEqualTo(Duration.ofMinutes(63).plusHours(13));
	}

}
