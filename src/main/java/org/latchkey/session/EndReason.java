package org.latchkey.session;

/** Why sessions ended; the sign-in page tells the person of those ended on the server. */
public enum EndReason {
	TWO_FACTOR_ENABLED, ACCOUNT_DISABLED, ROLE_CHANGED, PASSWORD_CHANGED, TWO_FACTOR_CONFIGURED, ADMINISTRATOR,
	/** The user signed the session out from another of their sessions (My account → Active sessions). */
	SIGNED_OUT_ELSEWHERE,
	/** The person signed out, or signed in again in the same browser; the session was theirs to end. */
	SIGNED_OUT,
	/** The session was idle too long or reached its absolute timeout. */
	EXPIRED
}
