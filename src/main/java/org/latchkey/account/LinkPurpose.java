package org.latchkey.account;

import java.time.Duration;

/** What an emailed link is for, and how long it stays valid. */
public enum LinkPurpose {

	/** The first-login email: choose a password and a 2FA email (NIST: at most 24 hours). */
	ACCOUNT_INITIALISATION(Duration.ofHours(24)),

	/** A reset asked for by the user on the sign-in page while 2FA is off. */
	PASSWORD_RESET(Duration.ofHours(1)),

	/** A reset sent by an administrator from the user's profile. */
	ADMINISTRATOR_RESET(Duration.ofHours(24)),

	/**
	 * The link {@code latchkey admin-recover} prints on the server for an administrator locked out: short-lived,
	 * since it is shown on a terminal rather than sent to a mailbox only its owner reads.
	 */
	ADMINISTRATOR_RECOVERY(Duration.ofMinutes(15));

	private final Duration lifetime;

	LinkPurpose(Duration lifetime) {
		this.lifetime = lifetime;
	}

	public Duration lifetime() {
		return this.lifetime;
	}

}
