package org.latchkey.signin;

import java.time.Instant;

/**
 * What a page that asks for a code shows: where the code went (masked, or in full on its owner's own pages
 * where two addresses must be told apart), until when it works ({@code null} when no code is waiting and one
 * must be asked for), whether its delivery is running late, and whether it was given up (it will not arrive,
 * so the page offers another way).
 */
public record CodeState(String shownAddress, Instant expiresAt, boolean deliveryDelayed, boolean deliveryFailed) {

	/** The same state, showing {@code address} as where the code went. */
	public CodeState showing(String address) {
		return new CodeState(address, this.expiresAt, this.deliveryDelayed, this.deliveryFailed);
	}

}
