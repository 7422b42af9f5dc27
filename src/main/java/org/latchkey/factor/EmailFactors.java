package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.latchkey.factor.internal.CodeChallenges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The 2FA email of each user: the address their codes go to, set only once a code sent there came back. */
@Component
public class EmailFactors {

	private final JdbcClient jdbc;

	private final CodeChallenges challenges;

	private final Clock clock;

	EmailFactors(JdbcClient jdbc, CodeChallenges challenges, Clock clock) {
		this.jdbc = jdbc;
		this.challenges = challenges;
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

	/** How many of the given active accounts have no 2FA email yet. */
	public long countActiveAccountsWithout() {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM account a WHERE a.status = 'ACTIVE'
				AND NOT EXISTS (SELECT 1 FROM email_factor f WHERE f.account_id = a.id)
				""").query(Long.class).single();
	}

}
