package org.latchkey.forwardauth;

/** What a session must have presented to enter a protected site. */
public enum RequiredFactor {

	/** A signed-in session, whatever it was signed in with. */
	PASSWORD,

	/** A session that presented a second factor. */
	TWO_FACTOR,

	/** A session that presented a second factor within the site's number of minutes. */
	FRESH_TWO_FACTOR

}
