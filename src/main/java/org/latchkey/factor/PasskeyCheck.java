package org.latchkey.factor;

import org.jspecify.annotations.Nullable;

/**
 * What became of an assertion (a passkey's signature over a challenge).
 *
 * @param result accepted, or why not
 * @param accountId the passkey's owner when it is known (accepted, or refused for a known credential)
 * @param passkeyName the passkey's name when it is known, for the audit log
 * @param userVerified whether the authenticator verified the user (PIN, biometrics): a second factor on its own
 * @param synced whether the passkey may be backed up (amr {@code swk}) rather than device-bound ({@code hwk})
 */
public record PasskeyCheck(Result result, @Nullable Long accountId, @Nullable String passkeyName,
		boolean userVerified, boolean synced) {

	/** Why a passkey was accepted or refused. */
	public enum Result {

		/** Signed by a passkey of the expected account, for this server, over the challenge given. */
		ACCEPTED,

		/** No such credential here, or not the expected account's. */
		UNKNOWN,

		/** Unreadable, for another origin or relying party, a wrong challenge or signature, no user verification when it was required. */
		REFUSED,

		/** The signature counter did not grow: the authenticator may have been cloned. */
		CLONED

	}

	static PasskeyCheck refused(Result result, @Nullable Long accountId, @Nullable String name) {
		return new PasskeyCheck(result, accountId, name, false, false);
	}

	public boolean accepted() {
		return this.result == Result.ACCEPTED;
	}

}
