package org.latchkey.account;

import java.util.List;

/**
 * How strong a password looks and how to make it stronger, for a page to show beside a refused password.
 *
 * @param score the estimated strength, from 0 (guessed at once) to 4 (very hard to guess)
 * @param hints what to change, in the person's language; empty when there is nothing to suggest
 */
public record PasswordGuidance(int score, List<String> hints) {

	public PasswordGuidance {
		hints = List.copyOf(hints);
	}

}
