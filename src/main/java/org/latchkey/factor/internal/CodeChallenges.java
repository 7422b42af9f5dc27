package org.latchkey.factor.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.latchkey.factor.CodePurpose;
import org.latchkey.system.MessageRetention;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code code_challenge} table. Each state change is one conditional UPDATE whose count is checked. A
 * challenge, long dead by then, is deleted once the {@link MessageRetention} has passed since it was sent, and an
 * API verification of it with it; so a check, which reads the account's challenges for its purpose, reads a
 * month of them at most.
 */
@Repository
public class CodeChallenges implements MessageRetention.Records {

	private final JdbcClient jdbc;

	CodeChallenges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A challenge as stored; {@code codeHash} is {@code null} for a code the SMS provider checks itself. */
	public record Challenge(long id, String bindingHash, @Nullable String codeHash, String destination, Instant expiresAt,
			int attempts, Instant usedAt, Instant supersededAt, Long outboxMessageId) {
	}

	/** @param bindingHashes the browser's binding hashed under every known key */
	public Optional<Instant> lastSent(long accountId, CodePurpose purpose, List<String> bindingHashes) {
		return this.jdbc.sql("""
				SELECT MAX(created_at) FROM code_challenge
				WHERE account_id = :id AND purpose = :purpose AND binding_hash IN (:bindingHashes)
				""")
			.param("id", accountId)
			.param("purpose", purpose.name())
			.param("bindingHashes", bindingHashes)
			.query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
	}

	/** How many codes went out through each channel since an instant, over every account. */
	public Map<String, Long> countPerChannelSince(Instant since) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("SELECT channel, COUNT(*) FROM code_challenge WHERE created_at > :since GROUP BY channel")
			.param("since", Timestamp.from(since))
			.query((RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
		return counts;
	}

	public List<Instant> sentSince(long accountId, String channel, Instant since) {
		return this.jdbc.sql("""
				SELECT created_at FROM code_challenge
				WHERE account_id = :id AND channel = :channel AND created_at > :since ORDER BY created_at
				""")
			.param("id", accountId)
			.param("channel", channel)
			.param("since", Timestamp.from(since))
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
	}

	public void supersedeOpen(long accountId, CodePurpose purpose, Instant now) {
		this.jdbc.sql("""
				UPDATE code_challenge SET superseded_at = :now
				WHERE account_id = :id AND purpose = :purpose AND used_at IS NULL AND superseded_at IS NULL
				""")
			.param("now", Timestamp.from(now))
			.param("id", accountId)
			.param("purpose", purpose.name())
			.update();
	}

	/** Supersedes every open challenge of the account, whatever its purpose. */
	public void supersedeAllOpen(long accountId, Instant now) {
		this.jdbc.sql("""
				UPDATE code_challenge SET superseded_at = :now
				WHERE account_id = :id AND used_at IS NULL AND superseded_at IS NULL
				""")
			.param("now", Timestamp.from(now))
			.param("id", accountId)
			.update();
	}

	/**
	 * @param accountId the account, or {@code null} for a code of the Verify API
	 * @param apiKeyId the API key that asked for it, or {@code null} for an account's code
	 * @param codeHash the code's keyed hash, or {@code null} when the SMS provider checks the code itself
	 * @return the new challenge's id
	 */
	public long insert(@Nullable Long accountId, @Nullable Long apiKeyId, CodePurpose purpose, String bindingHash,
			@Nullable String codeHash, String channel, String destination, Instant now, Instant expiresAt,
			long outboxMessageId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO code_challenge (account_id, api_key_id, purpose, binding_hash, code_hash, channel,
					destination, created_at, expires_at, outbox_message_id)
				VALUES (:accountId, :apiKeyId, :purpose, :bindingHash, :codeHash, :channel, :destination, :now,
					:expiresAt, :messageId)
				""")
			.param("messageId", outboxMessageId)
			.param("accountId", accountId)
			.param("apiKeyId", apiKeyId)
			.param("purpose", purpose.name())
			.param("bindingHash", bindingHash)
			.param("codeHash", codeHash)
			.param("channel", channel)
			.param("destination", destination)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Locks the one row that makes the Verify API's sends count one at a time, until the transaction ends. */
	public void lockDestinationSends() {
		this.jdbc.sql("SELECT id FROM api_send_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
	}

	/** When codes were sent to this destination since then, oldest first, whoever asked for them. */
	public List<Instant> sentToDestinationSince(String destination, Instant since) {
		return createdSince("destination = :key", destination, since);
	}

	/** When codes were sent for this API key since then, oldest first. */
	public List<Instant> sentForKeySince(long apiKeyId, Instant since) {
		return createdSince("api_key_id = :key", apiKeyId, since);
	}

	private List<Instant> createdSince(String condition, Object key, Instant since) {
		return this.jdbc.sql("SELECT created_at FROM code_challenge WHERE " + condition
				+ " AND created_at > :since ORDER BY created_at")
			.param("key", key)
			.param("since", Timestamp.from(since))
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
	}

	/** Withdraws one live challenge; false when it was spent or withdrawn already. */
	public boolean supersede(long id, Instant now) {
		return this.jdbc.sql("""
				UPDATE code_challenge SET superseded_at = :now
				WHERE id = :id AND used_at IS NULL AND superseded_at IS NULL
				""").param("now", Timestamp.from(now)).param("id", id).update() == 1;
	}

	public Optional<Challenge> findById(long id) {
		return this.jdbc.sql("""
				SELECT id, binding_hash, code_hash, destination, expires_at, attempts, used_at, superseded_at,
					outbox_message_id
				FROM code_challenge WHERE id = :id
				""").param("id", id).query(CodeChallenges::challenge).optional();
	}

	/** Every challenge of an account and purpose, newest first. */
	public List<Challenge> find(long accountId, CodePurpose purpose) {
		return this.jdbc.sql("""
				SELECT id, binding_hash, code_hash, destination, expires_at, attempts, used_at, superseded_at,
					outbox_message_id
				FROM code_challenge WHERE account_id = :id AND purpose = :purpose ORDER BY id DESC
				""")
			.param("id", accountId)
			.param("purpose", purpose.name())
			.query(CodeChallenges::challenge)
			.list();
	}

	@Override
	public String name() {
		return "code challenges";
	}

	@Override
	public List<Long> idsBefore(Instant cutoff, int limit) {
		return this.jdbc.sql("SELECT id FROM code_challenge WHERE created_at < :cutoff FETCH FIRST :limit ROWS ONLY")
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	@Override
	public int delete(List<Long> ids, Instant cutoff) {
		return this.jdbc.sql("DELETE FROM code_challenge WHERE id IN (:ids) AND created_at < :cutoff")
			.param("ids", ids)
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	private static Challenge challenge(ResultSet rs, int row) throws SQLException {
		return new Challenge(rs.getLong("id"), rs.getString("binding_hash"), rs.getString("code_hash"),
				rs.getString("destination"), rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts"),
				instant(rs.getTimestamp("used_at")), instant(rs.getTimestamp("superseded_at")),
				rs.getObject("outbox_message_id", Long.class));
	}

	/** Spends a live challenge; returns false when another request spent it, or it died or expired meanwhile. */
	public boolean spend(long id, int maxAttempts, Instant now) {
		return this.jdbc.sql("""
				UPDATE code_challenge SET used_at = :now
				WHERE id = :id AND used_at IS NULL AND superseded_at IS NULL AND attempts < :max AND expires_at > :now
				""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("max", maxAttempts)
			.update() == 1;
	}

	/** Counts a wrong try on a live challenge; returns the attempts now recorded, or -1 if it was not live. */
	public int countWrongTry(long id, int maxAttempts) {
		int updated = this.jdbc.sql("""
				UPDATE code_challenge SET attempts = attempts + 1
				WHERE id = :id AND used_at IS NULL AND attempts < :max
				""").param("id", id).param("max", maxAttempts).update();
		if (updated == 0) {
			return -1;
		}
		return this.jdbc.sql("SELECT attempts FROM code_challenge WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
