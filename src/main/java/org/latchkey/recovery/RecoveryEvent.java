package org.latchkey.recovery;

import org.latchkey.audit.AuditEvent;

/**
 * The security events of getting back in:
 * their names are what the audit log stores and the console filters on.
 */
public enum RecoveryEvent implements AuditEvent {

	/** A reset link was asked for on the sign-in page. */
	PASSWORD_RESET_REQUESTED,

	/** An administrator sent a reset link. */
	PASSWORD_RESET_SENT,

	/** A password was reset, through a link or in place of a temporary password. */
	PASSWORD_RESET,

	/** An administrator generated a temporary password. */
	TEMPORARY_PASSWORD_ISSUED,

	/** An administrator reset a user's 2FA email. */
	TWO_FACTOR_EMAIL_RESET,

	/** A second factor was removed. */
	SECOND_FACTOR_REMOVED,

	/** An administrator removed one of a user's passkeys. */
	PASSKEY_REMOVED,

	/** {@code latchkey admin-recover} printed a recovery link for an administrator, on the server. */
	ADMINISTRATOR_RECOVERY_ISSUED,

	/** An administrator's recovery link was used: a new password, and every second factor cleared. */
	ADMINISTRATOR_RECOVERED

}
