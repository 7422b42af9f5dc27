package org.latchkey.sms.internal;

import org.latchkey.audit.AuditEvent;

/** The security events the SMS module records: its settings changed, a test SMS queued, the hourly cap reached. */
public enum SmsAuditEvent implements AuditEvent {

	SMS_HOURLY_CAP_REACHED,

	SMS_SETTINGS_CHANGED,

	TEST_SMS_QUEUED

}
