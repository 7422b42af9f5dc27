package org.latchkey.outbox.internal;

import org.latchkey.audit.AuditEvent;

/** The security events the outbox records: a message given up, a failed message put back in line. */
public enum OutboxAuditEvent implements AuditEvent {

	MESSAGE_FAILED,

	MESSAGE_RETRIED

}
