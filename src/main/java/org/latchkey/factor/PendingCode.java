package org.latchkey.factor;

import java.time.Instant;

/**
 * A code that was sent and still works.
 *
 * @param destination where it was sent
 * @param expiresAt when it stops working
 * @param outboxMessageId the message carrying it, to tell whether its delivery is delayed
 */
public record PendingCode(String destination, Instant expiresAt, Long outboxMessageId) {
}
