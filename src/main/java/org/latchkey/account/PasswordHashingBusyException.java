package org.latchkey.account;

import java.time.Duration;

/**
 * Every permit to hash a password was taken for longer than the queue waits: the server is at the limit it sets
 * itself so that a burst of sign-ins cannot hold a hash's memory per request thread. Nothing was checked or
 * changed; the person is told the server is busy and to try again after {@link #retryAfter()}.
 */
public class PasswordHashingBusyException extends RuntimeException {

	private final Duration retryAfter;

	public PasswordHashingBusyException(Duration retryAfter) {
		super("Every password hashing permit stayed taken for " + retryAfter);
		this.retryAfter = retryAfter;
	}

	/** How long the caller should wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
