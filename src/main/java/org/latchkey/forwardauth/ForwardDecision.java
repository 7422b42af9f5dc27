package org.latchkey.forwardauth;

import org.jspecify.annotations.Nullable;

/**
 * The answer to "may this session enter this site?".
 *
 * @param identity who entered, with {@link Verdict#ENTER} only
 */
public record ForwardDecision(Verdict verdict, @Nullable RemoteIdentity identity) {

	/** What the proxy is to do with the request. */
	public enum Verdict {

		/** Let it pass, naming the person. */
		ENTER,

		/** Send the browser to sign in: no complete sign-in in this session. */
		SIGN_IN,

		/** Send the browser to present a (fresh) second factor: the person may enter once they have. */
		SECOND_FACTOR,

		/** Refuse: the person may not enter this site, or no second factor can be asked for while 2FA is off. */
		FORBIDDEN,

		/** Refuse: no listed site covers the address, or the address cannot be read one way only. */
		NOT_LISTED

	}

	static ForwardDecision of(Verdict verdict) {
		return new ForwardDecision(verdict, null);
	}

}
