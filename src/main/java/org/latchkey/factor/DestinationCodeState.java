package org.latchkey.factor;

import java.time.Instant;

/**
 * Where a code sent to a destination outside any account stands.
 *
 * @param triesLeft wrong tries left while it is pending, else 0
 * @param expiresAt when it stops working (or stopped)
 */
public record DestinationCodeState(State state, int triesLeft, Instant expiresAt) {

	/** The life of such a code. */
	public enum State {
		/** Sent, and still works. */
		PENDING,
		/** A right code was submitted; it is spent. */
		ACCEPTED,
		/** Too many wrong tries: it no longer works. */
		DEAD,
		/** Past its lifetime. */
		EXPIRED,
		/** Withdrawn by whoever asked for it. */
		WITHDRAWN
	}

}
