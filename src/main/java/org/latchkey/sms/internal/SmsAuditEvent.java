package org.latchkey.sms.internal;

import org.latchkey.audit.AuditEvent;

/** The security events the SMS module records: its settings changed, a test SMS queued, the hourly cap reached, a provider's check failing. */
public enum SmsAuditEvent implements AuditEvent {

	SMS_HOURLY_CAP_REACHED,

	/** The provider that checks codes itself (Twilio Verify) could not answer. */
	SMS_PROVIDER_CHECK_FAILED,

	SMS_SETTINGS_CHANGED,

	TEST_SMS_QUEUED

}
