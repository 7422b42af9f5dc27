package org.latchkey.factor;

/**
 * The answer to a submitted code.
 *
 * @param result what the code was found to be
 * @param destination where the accepted code had been sent (the address it proves), or {@code null}
 * @param attemptsLeft wrong tries left on the code after a wrong one
 */
public record CodeCheck(Result result, String destination, int attemptsLeft) {

	/** Every way a code can be refused, so the page can say which applies. */
	public enum Result {
		/** The code was right; it is now spent. */
		ACCEPTED,
		/** The code is not the one sent. */
		WRONG,
		/** The code was right but is past its lifetime. */
		EXPIRED,
		/** The code was already used once. */
		USED,
		/** Too many wrong tries: the code no longer works. */
		DEAD,
		/** A newer code was sent since. */
		REPLACED,
		/** The code was sent to this account for a sign-in in another browser. */
		FOREIGN,
		/** No code was sent for this. */
		NONE
	}

	public boolean accepted() {
		return this.result == Result.ACCEPTED;
	}

}
