package org.latchkey.mail;

import org.latchkey.audit.AuditEvent;

/** The security events the mail module records: a test message queued from the console. */
enum MailAuditEvent implements AuditEvent {

	TEST_MESSAGE_QUEUED

}
