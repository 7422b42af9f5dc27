package org.latchkey.lockout;

import org.latchkey.audit.AuditEvent;

/**
 * The security events of lockout and throttling:
 * their names are what the audit log stores and the console filters on.
 */
public enum LockoutEvent implements AuditEvent {

	/** A second factor was refused at sign-in. */
	SECOND_FACTOR,

	/** A code already used was presented again at sign-in. */
	REPLAY_REFUSED,

	/** Failures locked the account for browsers without its device token. */
	ACCOUNT_LOCKED,

	/** Failures locked the account for one browser holding its device token. */
	DEVICE_LOCKED,

	/** An administrator unlocked the account. */
	ACCOUNT_UNLOCKED,

	/** A client address made too many failed attempts within its minute. */
	CLIENT_THROTTLED

}
