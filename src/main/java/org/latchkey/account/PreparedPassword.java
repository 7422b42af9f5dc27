package org.latchkey.account;

import java.io.Serial;
import java.io.Serializable;

/**
 * A new password that passed the rules, held only as its Argon2 hash, for one account, while its owner
 * confirms the change (with a code sent to their 2FA email). Only {@link AccountManagement} makes one, so a
 * hash that skipped the rules cannot be set; it may wait in the session, the password itself never does.
 */
public final class PreparedPassword implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String hash;

	PreparedPassword(long accountId, String hash) {
		this.accountId = accountId;
		this.hash = hash;
	}

	/** The account whose password this is to become. */
	public long accountId() {
		return this.accountId;
	}

	String hash() {
		return this.hash;
	}

	/** Names the account only: even a hash stays out of logs. */
	@Override
	public String toString() {
		return "PreparedPassword[account " + this.accountId + "]";
	}

}
