package org.latchkey.session;

/** Why sessions were ended on the server; the sign-in page tells the person. */
public enum EndReason {
	TWO_FACTOR_ENABLED, ACCOUNT_DISABLED, ROLE_CHANGED, PASSWORD_CHANGED, TWO_FACTOR_CONFIGURED, ADMINISTRATOR,
	/** The user signed the session out from another of their sessions (My account → Active sessions). */
	SIGNED_OUT_ELSEWHERE
}
