package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.latchkey.account.AccountManagement;
import org.latchkey.factor.internal.CodeChallenges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The 2FA email of each user: the address their codes go to, set only once a code sent there came back. */
@Component
public class EmailFactors {

	private final JdbcClient jdbc;

	private final CodeChallenges challenges;

	private final AccountManagement accounts;

	private final Clock clock;

	EmailFactors(JdbcClient jdbc, CodeChallenges challenges, AccountManagement accounts, Clock clock) {
		this.jdbc = jdbc;
		this.challenges = challenges;
		this.accounts = accounts;
		this.clock = clock;
	}

	public Optional<String> addressOf(long accountId) {
		return this.jdbc.sql("SELECT address FROM email_factor WHERE account_id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional();
	}

	/** Records a proven address as the account's 2FA email, replacing any earlier one. */
	public void set(long accountId, String address) {
		this.jdbc.sql("DELETE FROM email_factor WHERE account_id = :id").param("id", accountId).update();
		this.jdbc.sql("INSERT INTO email_factor (account_id, address, verified_at) VALUES (:id, :address, :now)")
			.param("id", accountId)
			.param("address", address)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Forgets the account's 2FA email; the user chooses a new one at their next sign-in. Codes still waiting
	 * die with it: one sent to the old address must not prove that address again and bring it back.
	 */
	@Transactional
	public boolean clear(long accountId) {
		boolean cleared = this.jdbc.sql("DELETE FROM email_factor WHERE account_id = :id")
			.param("id", accountId)
			.update() == 1;
		if (cleared) {
			this.challenges.supersedeAllOpen(accountId, this.clock.instant());
		}
		return cleared;
	}

	/** How many active accounts have no 2FA email yet. */
	public long countActiveAccountsWithout() {
		List<Long> active = this.accounts.activeIds();
		return active.size()
				- IdBatches.count(this.jdbc, "SELECT COUNT(*) FROM email_factor WHERE account_id IN (:ids)", active);
	}

}
