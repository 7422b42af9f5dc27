package org.latchkey.forwardauth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who a forwarded request comes from, as the entry point read it from the browser's session.
 *
 * @param accountId the signed-in account, or null for no one (signed out, or still owing a sign-in step)
 * @param secondFactorAt when the session's newest second factor was presented, or null when it has none
 */
public record Visitor(@Nullable Long accountId, @Nullable Instant secondFactorAt) {

	/** A browser with no complete sign-in. */
	public static final Visitor NOBODY = new Visitor(null, null);

	public static Visitor signedIn(long accountId, @Nullable Instant secondFactorAt) {
		return new Visitor(accountId, secondFactorAt);
	}

}
