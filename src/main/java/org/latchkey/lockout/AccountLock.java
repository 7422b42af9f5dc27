package org.latchkey.lockout;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A lock on the sign-ins of an account from one client (every browser without a device cookie, or one
 * browser with its device cookie), after too many consecutive failed steps.
 *
 * @param until when the lock ends by itself, or {@code null} when only an administrator ends it
 */
public record AccountLock(@Nullable Instant until) {

	/** Whether only an administrator can end this lock (it came after too many failures in all). */
	public boolean untilUnlocked() {
		return this.until == null;
	}

	/** How long to wait before trying again, in whole seconds and at least one; zero for a lock for good. */
	public long secondsLeft(Instant now) {
		if (this.until == null) {
			return 0;
		}
		long millis = Duration.between(now, this.until).toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

}
