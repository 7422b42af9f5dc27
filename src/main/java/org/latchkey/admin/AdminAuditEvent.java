package org.latchkey.admin;

import org.latchkey.audit.AuditEvent;

/** The security events the console records itself: the audit log exported. */
enum AdminAuditEvent implements AuditEvent {

	AUDIT_EXPORTED

}
