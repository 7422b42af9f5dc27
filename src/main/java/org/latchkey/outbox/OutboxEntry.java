package org.latchkey.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message of the outbox as the console shows it: its status and history, never its content.
 *
 * @param recipient the masked address ({@code a***@example.com})
 * @param nextAttemptAt when a pending message is tried next
 * @param lastError what went wrong the last time it was tried, as a short description without the content
 */
public record OutboxEntry(long id, String channel, String recipient, String template, OutboxStatus status,
		int attempts, Instant createdAt, Instant nextAttemptAt, @Nullable Instant sentAt,
		@Nullable String lastError) {

	/** Whether the console offers to try it again now. */
	public boolean retryable() {
		return this.status == OutboxStatus.FAILED;
	}

}
