package org.latchkey.factor;

/** The answer to a code from an authenticator app. */
public enum TotpCheck {
	/** The code matched a time step not used before; that step is now spent. */
	ACCEPTED,
	/** The code matches no time step in the window. */
	WRONG,
	/** The code matched, but its time step (or a later one) was already used: a replay. */
	REPLAYED,
	/** The account has no confirmed authenticator app. */
	NOT_ENROLLED,
	/** Too many wrong codes in a row: the factor takes no code until its lock ends (an application's user). */
	LOCKED
}
