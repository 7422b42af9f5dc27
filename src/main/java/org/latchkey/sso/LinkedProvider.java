package org.latchkey.sso;

import java.time.Instant;

/** A provider an account is linked to, as the account's profile in the console lists it. */
public record LinkedProvider(long providerId, String displayName, String subject, Instant linkedAt,
		Instant lastUsedAt) {
}
