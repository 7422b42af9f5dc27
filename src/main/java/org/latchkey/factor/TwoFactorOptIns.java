package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;

import org.latchkey.account.AccountManagement;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether each user turned two-factor authentication on for themselves: while 2FA is optional, only their
 * sign-in asks for a second factor. Having a method is not enough (a 2FA email may be left from a time 2FA was
 * required of everyone); setting up an app or SMS codes on My account, or turning 2FA on there with a method
 * one has, is.
 */
@Component
public class TwoFactorOptIns {

	private final JdbcClient jdbc;

	private final AccountManagement accounts;

	private final Clock clock;

	TwoFactorOptIns(JdbcClient jdbc, AccountManagement accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	public boolean isOn(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM two_factor_opt_in WHERE account_id = :id")
			.param("id", accountId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records that the user turned 2FA on; an insert that finds the row already there changes nothing.
	 * @return false when it was on already
	 */
	public boolean turnOn(long accountId) {
		try {
			return this.jdbc.sql("""
					INSERT INTO two_factor_opt_in (account_id, turned_on_at)
					SELECT :id, :now FROM account WHERE id = :id
						AND NOT EXISTS (SELECT 1 FROM two_factor_opt_in WHERE account_id = :id)
					""").param("id", accountId).param("now", Timestamp.from(this.clock.instant())).update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// another request turned it on between the check and the insert
			return false;
		}
	}

	/** How many active accounts turned 2FA on for themselves. */
	public long countActive() {
		return IdBatches.count(this.jdbc, "SELECT COUNT(*) FROM two_factor_opt_in WHERE account_id IN (:ids)",
				this.accounts.activeIds());
	}

}
