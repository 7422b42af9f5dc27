package org.latchkey.outbox;

/** The last error of a message, as the console shows it: a short description without the content. */
public record LastError(long messageId, OutboxStatus status, String error) {
}
