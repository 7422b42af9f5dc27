package org.latchkey.lockout.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.latchkey.lockout.AccountLock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consecutive failed sign-in steps of each account, per client, and the locks they bring. A failure is
 * counted by a compare-and-set UPDATE (it applies only to the count it was computed from, and only while no
 * lock stands), so two nodes counting at once can neither lose a failure nor count one during a lock. A
 * failure is written in the caller's transaction when there is one (a second connection per failure could
 * drain the pool under a burst), and a counter's first row under a savepoint, so that a row another node
 * created first costs nothing but that savepoint.
 */
@Repository
public class FailureCounters {

	/** The counter of every browser that holds no device cookie of the account. */
	public static final String UNTRUSTED = "*";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final TransactionTemplate savepoint;

	FailureCounters(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** What a failure did: counted (perhaps starting a lock), or refused uncounted because a lock stood. */
	public record Failure(int failures, Optional<AccountLock> lock, boolean counted) {
	}

	/** The lock standing at {@code now} on this client's sign-ins to the account, if any. */
	public Optional<AccountLock> lockOf(long accountId, String client, Instant now) {
		return read(accountId, client).flatMap(row -> row.lockAt(now));
	}

	/** The counter of the account's sign-ins from {@code client}, if one was ever counted. */
	public Optional<Row> of(long accountId, String client) {
		return read(accountId, client);
	}

	/** Consecutive failures counted against the account's untrusted browsers, and their lock if any. */
	public Optional<Row> untrusted(long accountId) {
		return read(accountId, UNTRUSTED);
	}

	public Failure recordFailure(long accountId, String client, Instant now) {
		createIfAbsent(accountId, client);
		return this.transaction.execute(status -> {
			while (true) {
				Row row = read(accountId, client).orElseThrow();
				Optional<AccountLock> standing = row.lockAt(now);
				if (standing.isPresent()) {
					return new Failure(row.failures(), standing, false);
				}
				int failures = row.failures() + 1;
				boolean forGood = LockoutSchedule.locksForGood(failures);
				Instant until = forGood ? null : LockoutSchedule.lockAfter(failures).map(now::plus).orElse(null);
				int changed = this.jdbc.sql("""
						UPDATE sign_in_failure_counter SET failures = :failures, locked_until = :until,
							locked_for_good = :forGood
						WHERE account_id = :account AND client = :client AND failures = :previous
							AND locked_for_good = FALSE AND (locked_until IS NULL OR locked_until <= :now)
						""")
					.param("failures", failures)
					.param("until", timestamp(until))
					.param("forGood", forGood)
					.param("account", accountId)
					.param("client", client)
					.param("previous", row.failures())
					.param("now", Timestamp.from(now))
					.update();
				if (changed == 1) {
					Optional<AccountLock> lock = (forGood || until != null) ? Optional.of(new AccountLock(until))
							: Optional.empty();
					return new Failure(failures, lock, true);
				}
				// another node counted a failure first: count again from what it wrote
			}
		});
	}

	/** A successful sign-in: the count starts again. It never ends a standing lock. */
	public void reset(long accountId, String client, Instant now) {
		this.jdbc.sql("""
				UPDATE sign_in_failure_counter SET failures = 0, locked_until = NULL
				WHERE account_id = :account AND client = :client AND failures > 0
					AND locked_for_good = FALSE AND (locked_until IS NULL OR locked_until <= :now)
				""")
			.param("account", accountId)
			.param("client", client)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** How many accounts are locked now for browsers without their device token (the account lock). */
	public long countLockedAccounts(Instant now) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM sign_in_failure_counter
				WHERE client = :client AND (locked_for_good = TRUE OR locked_until > :now)
				""")
			.param("client", UNTRUSTED)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** An administrator's unlock: every count of the account starts again. Returns whether a lock stood. */
	public boolean unlock(long accountId, Instant now) {
		boolean locked = this.jdbc.sql("""
				SELECT COUNT(*) FROM sign_in_failure_counter
				WHERE account_id = :account AND (locked_for_good = TRUE OR locked_until > :now)
				""")
			.param("account", accountId)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single() > 0;
		this.jdbc.sql("""
				UPDATE sign_in_failure_counter SET failures = 0, locked_until = NULL, locked_for_good = FALSE
				WHERE account_id = :account
				""")
			.param("account", accountId)
			.update();
		return locked;
	}

	/**
	 * Claims the one notice a lock's owner gets when a right password meets it; true for the one caller
	 * that claims it, false for any other during the same lock.
	 */
	public boolean claimNotice(long accountId, String client, AccountLock lock) {
		Timestamp mark = timestamp((lock.until() != null) ? lock.until() : Instant.EPOCH);
		return this.jdbc.sql("""
				UPDATE sign_in_failure_counter SET notified_until = :mark
				WHERE account_id = :account AND client = :client
					AND (notified_until IS NULL OR notified_until <> :mark)
				""")
			.param("mark", mark)
			.param("account", accountId)
			.param("client", client)
			.update() == 1;
	}

	private void createIfAbsent(long accountId, String client) {
		if (read(accountId, client).isPresent()) {
			return;
		}
		try {
			this.savepoint.executeWithoutResult(status -> this.jdbc.sql("""
					INSERT INTO sign_in_failure_counter (account_id, client, failures, locked_for_good)
					VALUES (:account, :client, 0, FALSE)
					""")
				.param("account", accountId)
				.param("client", client)
				.update());
		}
		catch (DuplicateKeyException ex) {
			// another node created it meanwhile, which is all this was for
		}
	}

	private Optional<Row> read(long accountId, String client) {
		return this.jdbc.sql("""
				SELECT failures, locked_until, locked_for_good FROM sign_in_failure_counter
				WHERE account_id = :account AND client = :client
				""")
			.param("account", accountId)
			.param("client", client)
			.query((rs, n) -> new Row(rs.getInt("failures"),
					(rs.getTimestamp("locked_until") != null) ? rs.getTimestamp("locked_until").toInstant() : null,
					rs.getBoolean("locked_for_good")))
			.optional();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** One counter as stored. */
	public record Row(int failures, @Nullable Instant lockedUntil, boolean lockedForGood) {

		public Optional<AccountLock> lockAt(Instant now) {
			if (this.lockedForGood) {
				return Optional.of(new AccountLock(null));
			}
			return (this.lockedUntil != null && this.lockedUntil.isAfter(now))
					? Optional.of(new AccountLock(this.lockedUntil)) : Optional.empty();
		}

	}

}
