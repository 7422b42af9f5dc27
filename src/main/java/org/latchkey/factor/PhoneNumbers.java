package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.latchkey.factor.internal.CodeChallenges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The phone number of each user, in E.164, and whether it receives their sign-in codes by SMS. A number is
 * saved confirmed once an SMS code sent there came back; only a confirmed number can become a method.
 */
@Component
public class PhoneNumbers {

	private final JdbcClient jdbc;

	private final CodeChallenges challenges;

	private final Clock clock;

	PhoneNumbers(JdbcClient jdbc, CodeChallenges challenges, Clock clock) {
		this.jdbc = jdbc;
		this.challenges = challenges;
		this.clock = clock;
	}

	public Optional<PhoneNumber> of(long accountId) {
		return this.jdbc.sql("SELECT number, confirmed_at, sms_since FROM phone_number WHERE account_id = :id")
			.param("id", accountId)
			.query((rs, row) -> new PhoneNumber(rs.getString("number"), rs.getTimestamp("confirmed_at") != null,
					rs.getTimestamp("sms_since") != null))
			.optional();
	}

	/**
	 * Saves the account's number, replacing any earlier one; codes still waiting die with the old number. A
	 * confirmed number takes over receiving codes when the old one did; an unconfirmed one receives none.
	 * @param confirmed whether an SMS code sent to {@code number} came back
	 */
	@Transactional
	public void save(long accountId, String number, boolean confirmed) {
		Timestamp confirmedAt = confirmed ? Timestamp.from(this.clock.instant()) : null;
		int updated = this.jdbc.sql("""
				UPDATE phone_number SET number = :number, confirmed_at = :confirmedAt,
					sms_since = CASE WHEN :confirmed THEN sms_since ELSE NULL END
				WHERE account_id = :id
				""")
			.param("number", number)
			.param("confirmedAt", confirmedAt)
			.param("confirmed", confirmed)
			.param("id", accountId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO phone_number (account_id, number, confirmed_at) VALUES (:id, :number, :confirmedAt)
					""").param("id", accountId).param("number", number).param("confirmedAt", confirmedAt).update();
		}
		this.challenges.supersedeAllOpen(accountId, this.clock.instant());
	}

	/**
	 * Makes the account's confirmed number a method: its sign-in codes may go there by SMS.
	 * @return false when the account has no confirmed number
	 */
	public boolean startCodes(long accountId) {
		return this.jdbc.sql("""
				UPDATE phone_number SET sms_since = :now
				WHERE account_id = :id AND confirmed_at IS NOT NULL AND sms_since IS NULL
				""").param("now", Timestamp.from(this.clock.instant())).param("id", accountId).update() == 1;
	}

	/** Stops sending sign-in codes to the account's number; the number itself stays on My account. */
	public boolean stopCodes(long accountId) {
		return this.jdbc.sql("UPDATE phone_number SET sms_since = NULL WHERE account_id = :id AND sms_since IS NOT NULL")
			.param("id", accountId)
			.update() == 1;
	}

	/**
	 * A phone number as saved.
	 *
	 * @param number in E.164
	 * @param confirmed whether an SMS code sent there came back
	 * @param receivesCodes whether it is one of the user's methods
	 */
	public record PhoneNumber(String number, boolean confirmed, boolean receivesCodes) {
	}

}
