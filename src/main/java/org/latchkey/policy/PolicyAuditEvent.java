package org.latchkey.policy;

import org.latchkey.audit.AuditEvent;

/** The security events the policy module records: the 2FA mode, the allowed methods and the password length with 2FA changed. */
enum PolicyAuditEvent implements AuditEvent {

	ALLOWED_METHODS_CHANGED,

	PASSWORD_MIN_LENGTH_CHANGED,

	TWO_FACTOR_MODE_CHANGED,

	/** Passkey sign-in without a password, or the passkey requirement for administrators, switched. */
	PASSKEY_POLICY_CHANGED,

	/** Recovery codes, remembered devices or the enrolment grace period changed. */
	SIGN_IN_OPTIONS_CHANGED

}
