package org.latchkey.sms.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.TokenHasher;
import org.latchkey.sms.SmsLimitReachedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts SMS against their caps: at most 5 per account and 5 per number in any 15 minutes, and the hourly cap
 * of the whole server. Each send locks one row until the caller's transaction ends, then counts the sends of
 * the last hour and adds its own: on every node, concurrent sends are counted one after the other, and a send
 * whose transaction rolls back is not counted. Numbers are kept only as keyed hashes.
 */
@Component
public class SmsQuota {

	static final int PER_RECIPIENT_MAX = 5;

	static final Duration PER_RECIPIENT_WINDOW = Duration.ofMinutes(15);

	static final Duration GLOBAL_WINDOW = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(SmsQuota.class);

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final SmsSettingsStore settings;

	private final AuditLog audit;

	private final Clock clock;

	SmsQuota(JdbcClient jdbc, TokenHasher hasher, SmsSettingsStore settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Counts one more SMS in the caller's transaction.
	 * @throws SmsLimitReachedException when a cap is reached; nothing is counted
	 */
	public void take(@Nullable Long accountId, String number, int hourlyCap) {
		Instant now = this.clock.instant();
		// one row for every send: the caps span accounts and numbers, and SMS are few enough to go one by one
		this.jdbc.sql("SELECT id FROM sms_send_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
		Instant recent = now.minus(PER_RECIPIENT_WINDOW);
		Instant hourAgo = now.minus(GLOBAL_WINDOW);
		this.jdbc.sql("DELETE FROM sms_send WHERE queued_at <= :hourAgo").param("hourAgo", timestamp(hourAgo)).update();
		if (accountId != null && count("account_id = :key", accountId, recent) >= PER_RECIPIENT_MAX) {
			throw new SmsLimitReachedException(SmsLimitReachedException.Limit.PER_ACCOUNT);
		}
		String numberHash = this.hasher.hash(number);
		if (count("number_hash = :key", numberHash, recent) >= PER_RECIPIENT_MAX) {
			throw new SmsLimitReachedException(SmsLimitReachedException.Limit.PER_NUMBER);
		}
		long lastHour = this.jdbc.sql("SELECT COUNT(*) FROM sms_send").query(Long.class).single();
		if (lastHour >= hourlyCap) {
			throw new SmsLimitReachedException(SmsLimitReachedException.Limit.GLOBAL_HOURLY);
		}
		this.jdbc.sql("INSERT INTO sms_send (account_id, number_hash, queued_at) VALUES (:account, :number, :now)")
			.param("account", accountId)
			.param("number", numberHash)
			.param("now", timestamp(now))
			.update();
		if (lastHour + 1 >= hourlyCap) {
			noteCapReached(lastHour + 1, hourlyCap);
		}
	}

	/**
	 * Notes, in the caller's transaction, that the hourly cap is reached: the console shows it, and the first
	 * time in an hour it is audited. It is noted by the send that reaches the cap (or the change that lowers
	 * the cap below the count), not by the refusals that follow, whose transactions roll back.
	 */
	public void noteCapReached(long lastHour, int hourlyCap) {
		Instant now = this.clock.instant();
		if (this.settings.markCapReached(now, now.minus(GLOBAL_WINDOW))) {
			this.audit.record(SmsAuditEvent.SMS_HOURLY_CAP_REACHED, AuditOutcome.FAILURE, null, null,
					lastHour + " SMS queued in the last hour, cap " + hourlyCap + ": further SMS are refused");
			log.warn("The hourly SMS cap ({}) is reached: further SMS are refused until the count of the last hour "
					+ "falls", hourlyCap);
		}
	}

	/** How many SMS were queued during the last hour. */
	public long countLastHour() {
		return this.jdbc.sql("SELECT COUNT(*) FROM sms_send WHERE queued_at > :hourAgo")
			.param("hourAgo", timestamp(this.clock.instant().minus(GLOBAL_WINDOW)))
			.query(Long.class)
			.single();
	}

	private long count(String condition, Object key, Instant since) {
		return this.jdbc.sql("SELECT COUNT(*) FROM sms_send WHERE " + condition + " AND queued_at > :since")
			.param("key", key)
			.param("since", timestamp(since))
			.query(Long.class)
			.single();
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

}
