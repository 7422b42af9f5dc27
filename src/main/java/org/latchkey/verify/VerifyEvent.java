package org.latchkey.verify;

import org.latchkey.audit.AuditEvent;

/** The events the Verify API records: keys created and revoked, and every call made with a key. */
public enum VerifyEvent implements AuditEvent {

	API_KEY_CREATED, API_KEY_REVOKED, API_KEY_REFUSED, API_RATE_LIMITED,

	API_VERIFICATION_STARTED, API_VERIFICATION_REFUSED, API_VERIFICATION_CHECKED, API_VERIFICATION_CANCELLED,
	API_VERIFICATION_READ,

	API_TOTP_CREATED, API_TOTP_CONFIRMED, API_TOTP_CHECKED, API_TOTP_DELETED

}
