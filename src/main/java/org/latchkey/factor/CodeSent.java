package org.latchkey.factor;

import java.time.Instant;

/**
 * What happened to a request for a code.
 *
 * @param status whether the code went out or why not
 * @param maskedDestination where it went, masked (for the page)
 * @param expiresAt when the code stops working (when sent)
 * @param retryAt when another code may be asked for (when refused)
 */
public record CodeSent(Status status, String maskedDestination, Instant expiresAt, Instant retryAt) {

	public enum Status {
		SENT, TOO_SOON, TOO_MANY
	}

	public boolean sent() {
		return this.status == Status.SENT;
	}

}
