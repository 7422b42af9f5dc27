package org.latchkey.outbox;

/** Where a message of the outbox stands: waiting (possibly after failed attempts), sent, or given up. */
public enum OutboxStatus {
	PENDING, SENT, FAILED
}
