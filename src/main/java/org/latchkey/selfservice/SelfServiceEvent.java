package org.latchkey.selfservice;

import org.latchkey.audit.AuditEvent;

/**
 * The security events of My account's changes:
 * their names are what the audit log stores and the console filters on.
 */
public enum SelfServiceEvent implements AuditEvent {

	/** A user changed their password (or gave a wrong current one). */
	PASSWORD_CHANGED,

	/** A user changed their 2FA email (or a code of the change was refused). */
	TWO_FACTOR_EMAIL_CHANGED,

	/** A user saved a phone number (or its confirming code was refused). */
	PHONE_NUMBER_SAVED,

	/** A user turned 2FA on for themselves while it is optional. */
	TWO_FACTOR_TURNED_ON,

	/** A user made their confirmed number receive sign-in codes. */
	SMS_CODES_CONFIGURED,

	/** A user configured an authenticator app (or its confirming code was wrong). */
	AUTHENTICATOR_APP_CONFIGURED,

	/** A change of second factors was proven with a fresh code (or the code was refused). */
	SECOND_FACTOR_CHANGE,

	/** A user chose the method asked first. */
	DEFAULT_METHOD_CHANGED,

	/** A second factor was removed. */
	SECOND_FACTOR_REMOVED,

	/** A user registered a passkey (or the browser's answer was refused). */
	PASSKEY_ADDED,

	/** A user signed out other sessions of theirs (or failed to prove it was them). */
	SESSIONS_SIGNED_OUT,

	/** A user made a new set of recovery codes (the previous set stopped working). */
	RECOVERY_CODES_CREATED,

	/** A user forgot one or all of their remembered devices. */
	REMEMBERED_DEVICES_FORGOTTEN

}
