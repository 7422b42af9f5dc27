package org.latchkey.selfservice.internal;

import java.io.Serializable;
import java.time.Instant;

import org.latchkey.selfservice.EmailChangeState;

/**
 * How far a change of 2FA email went, kept in the session so that no step can be skipped by posting to it.
 *
 * @param currentAddress the 2FA email when the change started ({@code null} when there was none): the change
 * goes on only while it is still the account's
 * @param currentProven whether a code sent to {@code currentAddress} came back (true when there is none)
 * @param newAddress the address the last code for the new address went to, or {@code null}
 * @param expiresAt when the change must start again
 */
public record EmailChangeProgress(long accountId, String currentAddress, boolean currentProven, String newAddress,
		Instant expiresAt) implements Serializable {

	public EmailChangeState.Step step() {
		if (!this.currentProven) {
			return EmailChangeState.Step.PROVE_CURRENT;
		}
		return (this.newAddress == null) ? EmailChangeState.Step.CHOOSE_NEW : EmailChangeState.Step.PROVE_NEW;
	}

	public EmailChangeProgress withCurrentProven() {
		return new EmailChangeProgress(this.accountId, this.currentAddress, true, null, this.expiresAt);
	}

	public EmailChangeProgress withNewAddress(String address) {
		return new EmailChangeProgress(this.accountId, this.currentAddress, this.currentProven, address,
				this.expiresAt);
	}

}
