package org.latchkey.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Temporary single-use passwords that an administrator generates for a user who cannot sign in. Each is drawn
 * from {@link SecureRandom}, kept only as an Argon2 hash, valid 24 hours, and replaces the account's earlier
 * one. From the moment one is issued it stands in for the account's password: the previous password no longer
 * opens the account, the temporary one opens it once, and the row goes when the user has chosen a new
 * password. Spending it is one conditional UPDATE, so two sign-ins racing with it cannot both pass.
 */
@Component
public class TemporaryPasswords {

	static final Duration LIFETIME = Duration.ofHours(24);

	/** Lower-case letters and digits that cannot be mistaken for one another when read out: no 0, o, 1, i, l. */
	private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final int GROUP_LENGTH = 5;

	/** Four groups: 20 characters drawn from 31, about 99 bits. */
	private static final int MIN_GROUPS = 4;

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final PasswordRules rules;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	TemporaryPasswords(JdbcClient jdbc, PasswordEncoder encoder, PasswordRules rules, Clock clock) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * Generates a temporary password for an active account, replacing any earlier one.
	 * @throws AccountNotFoundException when there is no such account
	 * @throws InvalidAccountException on the field {@code recovery} when the account is not active
	 */
	@Transactional
	public TemporaryPassword issue(long accountId) {
		if (lockAccount(accountId) != AccountStatus.ACTIVE) {
			throw new InvalidAccountException("recovery", "password-reset.admin.not-active");
		}
		Instant now = this.clock.instant();
		String password = generate();
		discard(accountId);
		this.jdbc.sql("""
				INSERT INTO temporary_password (account_id, password_hash, created_at, expires_at)
				VALUES (:id, :hash, :now, :expiresAt)
				""")
			.param("id", accountId)
			.param("hash", this.encoder.encode(password))
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(LIFETIME)))
			.update();
		return new TemporaryPassword(password, now.plus(LIFETIME));
	}

	/** The hash of the account's temporary password, live or not, while one stands. */
	private Optional<String> hashOf(long accountId) {
		return this.jdbc.sql("SELECT password_hash FROM temporary_password WHERE account_id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional();
	}

	/**
	 * Spends the temporary password whose hash a sign-in has just matched.
	 * @return false when it was used, replaced or expired meanwhile: the sign-in must then be refused
	 */
	public boolean spend(long accountId, String passwordHash) {
		return this.jdbc.sql("""
				UPDATE temporary_password SET used_at = :now
				WHERE account_id = :id AND password_hash = :hash AND used_at IS NULL AND expires_at > :now
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", accountId)
			.param("hash", passwordHash)
			.update() == 1;
	}

	/**
	 * Whether the account is active and its temporary password was used to sign in, with no password chosen
	 * since: the session it opened may then choose one. The account stays locked until the caller's
	 * transaction ends, so that a temporary password issued meanwhile comes after the choice, not under it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean awaitsNewPassword(long accountId) {
		if (lockAccount(accountId) != AccountStatus.ACTIVE) {
			return false;
		}
		return this.jdbc.sql("SELECT used_at FROM temporary_password WHERE account_id = :id")
			.param("id", accountId)
			.query((rs, row) -> rs.getTimestamp(1) != null)
			.optional()
			.orElse(false);
	}

	/** Whether {@code password} is the account's temporary password, which may not become its password. */
	boolean matches(long accountId, String password) {
		return hashOf(accountId).map(hash -> this.encoder.matches(password, hash)).orElse(false);
	}

	/** Forgets the account's temporary password, once the user has chosen a password of their own. */
	void discard(long accountId) {
		this.jdbc.sql("DELETE FROM temporary_password WHERE account_id = :id").param("id", accountId).update();
	}

	/**
	 * Locks the account's row and returns its status. Every change of a temporary password takes this lock
	 * first, so two administrators issuing at once replace one another in turn and an account disabled
	 * meanwhile gets none.
	 */
	private AccountStatus lockAccount(long accountId) {
		return this.jdbc.sql("SELECT status FROM account WHERE id = :id FOR UPDATE")
			.param("id", accountId)
			.query((rs, row) -> AccountStatus.valueOf(rs.getString(1)))
			.optional()
			.orElseThrow(() -> new AccountNotFoundException(accountId));
	}

	/** Groups of five joined by dashes, enough of them to meet the configured minimum length. */
	private String generate() {
		int groups = Math.max(MIN_GROUPS, (this.rules.minLength() + GROUP_LENGTH + 1) / (GROUP_LENGTH + 1));
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < groups * GROUP_LENGTH; i++) {
			if (i > 0 && i % GROUP_LENGTH == 0) {
				password.append('-');
			}
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
