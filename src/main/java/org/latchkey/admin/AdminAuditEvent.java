package org.latchkey.admin;

import org.latchkey.audit.AuditEvent;

/**
 * The security events the console records itself: the audit log exported, a user's sessions ended by an
 * administrator, users imported from a CSV file.
 */
enum AdminAuditEvent implements AuditEvent {

	AUDIT_EXPORTED,

	SESSIONS_ENDED,

	USERS_IMPORTED

}
