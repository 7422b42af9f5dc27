package org.latchkey.outbox.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.latchkey.outbox.LastError;
import org.latchkey.outbox.OutboxEntry;
import org.latchkey.outbox.OutboxStatus;
import org.latchkey.system.MessageRetention;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox_message} table. A message is sent by whichever node first claims it with one conditional
 * update; every later change names that claim, so a node whose claim expired changes nothing. A message sent or
 * given up on is deleted once the {@link MessageRetention} has passed since it was queued.
 */
@Repository
public class OutboxMessages implements MessageRetention.Records {

	private final JdbcClient jdbc;

	private final OutboxChannels channels;

	OutboxMessages(JdbcClient jdbc, OutboxChannels channels) {
		this.jdbc = jdbc;
		this.channels = channels;
	}

	public long insert(String channel, String recipient, String template, String sealedBody, Instant now) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO outbox_message (channel, recipient, template, sealed_body, status, attempts, created_at,
					next_attempt_at)
				VALUES (:channel, :recipient, :template, :sealedBody, 'PENDING', 0, :now, :now)
				""")
			.param("channel", channel)
			.param("recipient", recipient)
			.param("template", template)
			.param("sealedBody", sealedBody)
			.param("now", timestamp(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** The pending messages due at {@code now} that no node holds, oldest first. */
	public List<Long> due(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT id FROM outbox_message
				WHERE status = 'PENDING' AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
				ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY
				""")
			.param("now", timestamp(now))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** Takes a due message for this node until {@code until}; false when it is not due or another node has it. */
	public boolean claim(long id, Instant now, Instant until) {
		return this.jdbc.sql("""
				UPDATE outbox_message SET claimed_until = :until
				WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now
				AND (claimed_until IS NULL OR claimed_until < :now)
				""")
			.param("until", timestamp(until))
			.param("id", id)
			.param("now", timestamp(now))
			.update() == 1;
	}

	/** A claimed message with its sealed body and how many attempts it has had. */
	public Optional<Claimed> findClaimed(long id, Instant claim) {
		return this.jdbc.sql("""
				SELECT id, channel, recipient, template, sealed_body, attempts FROM outbox_message
				WHERE id = :id AND claimed_until = :claim AND sealed_body IS NOT NULL
				""")
			.param("id", id)
			.param("claim", timestamp(claim))
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getString("channel"), rs.getString("recipient"),
					rs.getString("template"), rs.getString("sealed_body"), rs.getInt("attempts")))
			.optional();
	}

	/** Marks a claimed message sent and wipes its body; false when the claim was lost meanwhile. */
	public boolean markSent(long id, Instant claim, Instant now) {
		return this.jdbc.sql("""
				UPDATE outbox_message SET status = 'SENT', sent_at = :now, attempts = attempts + 1,
					sealed_body = NULL, claimed_until = NULL
				WHERE id = :id AND claimed_until = :claim
				""")
			.param("now", timestamp(now))
			.param("id", id)
			.param("claim", timestamp(claim))
			.update() == 1;
	}

	/** Records a failed attempt: the message waits until {@code nextAttemptAt}, or is given up. */
	public boolean markAttemptFailed(long id, Instant claim, OutboxStatus status, String error, Instant nextAttemptAt) {
		return this.jdbc.sql("""
				UPDATE outbox_message SET status = :status, attempts = attempts + 1, last_error = :error,
					next_attempt_at = :next, claimed_until = NULL
				WHERE id = :id AND claimed_until = :claim
				""")
			.param("status", status.name())
			.param("error", error)
			.param("next", timestamp(nextAttemptAt))
			.param("id", id)
			.param("claim", timestamp(claim))
			.update() == 1;
	}

	/** Puts a failed message back in line for now, with a fresh series of attempts. */
	public boolean retry(long id, Instant now) {
		return this.jdbc.sql("""
				UPDATE outbox_message SET status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_until = NULL
				WHERE id = :id AND status = 'FAILED' AND sealed_body IS NOT NULL
				""")
			.param("now", timestamp(now))
			.param("id", id)
			.update() == 1;
	}

	/** Whether the message is in {@code status} after at least one attempt. */
	public boolean attemptedAndIs(long id, OutboxStatus status) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM outbox_message WHERE id = :id AND status = :status AND attempts > 0
				""").param("id", id).param("status", status.name()).query(Long.class).single() > 0;
	}

	public List<OutboxEntry> recent(long offset, int limit) {
		return this.jdbc.sql("""
				SELECT id, channel, recipient, template, status, attempts, created_at, next_attempt_at, sent_at,
					last_error
				FROM outbox_message ORDER BY id DESC OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY
				""")
			.param("offset", offset)
			.param("limit", limit)
			.query(this::entry)
			.list();
	}

	public Map<OutboxStatus, Long> countByStatus() {
		Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
		for (OutboxStatus status : OutboxStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) AS n FROM outbox_message GROUP BY status")
			.query((ResultSet rs) -> {
				counts.put(OutboxStatus.valueOf(rs.getString("status")), rs.getLong("n"));
			});
		return counts;
	}

	/** How many messages stand in {@code status}, counted on the index that leads with the status. */
	public long count(OutboxStatus status) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE status = :status")
			.param("status", status.name())
			.query(Long.class)
			.single();
	}

	@Override
	public String name() {
		return "outbox messages";
	}

	/** The messages sent or given up on that were queued before {@code cutoff}: never one still waiting. */
	@Override
	public List<Long> idsBefore(Instant cutoff, int limit) {
		return this.jdbc.sql("""
				SELECT id FROM outbox_message WHERE status <> 'PENDING' AND created_at < :cutoff
				FETCH FIRST :limit ROWS ONLY
				""")
			.param("cutoff", timestamp(cutoff))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** A message an administrator put back in line since it was read stays. */
	@Override
	public int delete(List<Long> ids, Instant cutoff) {
		return this.jdbc.sql("""
				DELETE FROM outbox_message WHERE id IN (:ids) AND status <> 'PENDING' AND created_at < :cutoff
				""")
			.param("ids", ids)
			.param("cutoff", timestamp(cutoff))
			.update();
	}

	/** When the oldest message still waiting to be sent was queued; empty when none waits. */
	public Optional<Instant> oldestPendingCreatedAt() {
		return this.jdbc.sql("SELECT MIN(created_at) FROM outbox_message WHERE status = 'PENDING'")
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	private OutboxEntry entry(ResultSet rs, int row) throws SQLException {
		return new OutboxEntry(rs.getLong("id"), rs.getString("channel"),
				this.channels.mask(rs.getString("channel"), rs.getString("recipient")),
				rs.getString("template"), OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
				instant(rs.getTimestamp("sent_at")), rs.getString("last_error"));
	}

	/**
	 * Both databases keep microseconds and round what is finer: an instant rounded up on the way in would not
	 * yet be due at the very instant it was written, and a claim would not compare equal to itself.
	 */
	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** The last error of the most recent message of a channel that had one. */
	public Optional<LastError> lastError(String channel) {
		return this.jdbc.sql("""
				SELECT id, status, last_error FROM outbox_message WHERE channel = :channel AND last_error IS NOT NULL
				ORDER BY id DESC FETCH FIRST 1 ROWS ONLY
				""")
			.param("channel", channel)
			.query((rs, row) -> new LastError(rs.getLong("id"), OutboxStatus.valueOf(rs.getString("status")),
					rs.getString("last_error")))
			.optional();
	}

	/** A message this node holds, before its body is opened. */
	public record Claimed(long id, String channel, String recipient, String template, String sealedBody,
			int attempts) {
	}

}
