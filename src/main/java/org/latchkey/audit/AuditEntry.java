package org.latchkey.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One recorded security event, as read back for the console.
 *
 * @param actor the login of whoever acted, or {@code null} for an anonymous visitor or the system
 * @param subjectAccountId the account the event concerns, when there is one
 * @param subject the login the event concerns, as given (for a failed sign-in it may name no account)
 */
public record AuditEntry(long id, Instant occurredAt, @Nullable String actor, @Nullable Long subjectAccountId,
		@Nullable String subject, @Nullable String clientIp, @Nullable String userAgent, String event,
		AuditOutcome outcome, @Nullable String detail) {
}
