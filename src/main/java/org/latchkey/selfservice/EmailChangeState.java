package org.latchkey.selfservice;

import org.latchkey.signin.CodeState;

/**
 * Where a change of 2FA email stands for this browser, for the page to show the right step.
 *
 * @param step the step the change is at
 * @param currentAddress the 2FA email being replaced, in full (the page is its owner's, and the old and new
 * addresses must be told apart); {@code null} when the user has none
 * @param code the code the step waits for, naming its address in full; {@code null} at steps that wait for none
 */
public record EmailChangeState(Step step, String currentAddress, CodeState code) {

	/** The steps of the change, in order. */
	public enum Step {
		/** No change is in progress (never started, done, or expired). */
		NOT_STARTED,
		/** A code was sent to the current 2FA email. */
		PROVE_CURRENT,
		/** The current address is proven (or there is none): the new one is asked for. */
		CHOOSE_NEW,
		/** A code was sent to the new address. */
		PROVE_NEW
	}

}
