package org.latchkey.signin;

import org.latchkey.audit.AuditEvent;

/**
 * The security events the sign-in steps record:
 * their names are what the audit log stores and the console filters on.
 */
public enum SignInEvent implements AuditEvent {

	/** A sign-in completed, or step 1 refused (wrong login or password, disabled, locked). */
	SIGN_IN,

	/** A person signed out. */
	SIGN_OUT,

	/** Step 1 passed; a second factor is owed. */
	PASSWORD_ACCEPTED,

	/** Step 1 passed with a temporary password. */
	TEMPORARY_PASSWORD_USED,

	/** A user without a 2FA email proved one at sign-in. */
	TWO_FACTOR_EMAIL_SET,

	/** A user with no second factor registered a passkey at sign-in, as their first method. */
	PASSKEY_ENROLLED,

	/** A passkey's signature counter did not grow: its authenticator may have been cloned; it was refused. */
	PASSKEY_CLONED,

	/** A recovery code was used at sign-in (or a wrong one was typed). */
	RECOVERY_CODE_USED,

	/** A remembered device stood in for the second factor at sign-in. */
	REMEMBERED_DEVICE_USED

}
