package org.latchkey.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.TokenHasher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use links for emails: a 256-bit random token, stored only as a keyed hash, bound to an account and
 * a purpose, valid for the purpose's lifetime. Issuing a link voids the account's earlier links of the same
 * purpose; spending one is a single conditional UPDATE, so a link works once even when two requests race.
 * A spent link that comes back is audited as a refused replay.
 */
@Component
public class AccountLinks {

	private final JdbcClient jdbc;

	private final RandomTokens tokens;

	private final TokenHasher hasher;

	private final Clock clock;

	private final AuditLog audit;

	AccountLinks(JdbcClient jdbc, RandomTokens tokens, TokenHasher hasher, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.hasher = hasher;
		this.clock = clock;
	}

	/** Issues a link token (the only time it exists in clear) in the caller's transaction. */
	@Transactional
	public String issue(long accountId, LinkPurpose purpose) {
		Instant now = this.clock.instant();
		voidAll(accountId, purpose);
		String token = this.tokens.next();
		this.jdbc.sql("""
				INSERT INTO account_link (token_hash, account_id, purpose, created_at, expires_at)
				VALUES (:hash, :accountId, :purpose, :now, :expiresAt)
				""")
			.param("hash", this.hasher.hash(token))
			.param("accountId", accountId)
			.param("purpose", purpose.name())
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(purpose.lifetime())))
			.update();
		return token;
	}

	/** The account a live link belongs to, without spending it (to show the page the link opens). */
	public Optional<Long> peek(String token, LinkPurpose purpose) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		Optional<Long> live = this.jdbc.sql("""
				SELECT account_id FROM account_link
				WHERE token_hash IN (:hashes) AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
				""")
			.param("hashes", this.hasher.hashes(token))
			.param("purpose", purpose.name())
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.optional();
		if (live.isEmpty()) {
			auditIfReplayed(token, purpose);
		}
		return live;
	}

	/** A link that was spent (or voided) and comes back is a replay, audited; a made-up token is not. */
	private void auditIfReplayed(String token, LinkPurpose purpose) {
		this.jdbc.sql("""
				SELECT account_id FROM account_link
				WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NOT NULL
				""")
			.param("hash", this.hasher.hash(token))
			.param("purpose", purpose.name())
			.query(Long.class)
			.optional()
			.ifPresent(accountId -> this.audit.record(AccountAuditEvent.REPLAY_REFUSED, AuditOutcome.FAILURE, accountId,
					null, purpose.name().toLowerCase(Locale.ROOT) + " link already used or voided"));
	}

	/** Spends a live link and returns its account; empty when it is unknown, expired, used or voided. */
	@Transactional
	public Optional<Long> spend(String token, LinkPurpose purpose) {
		Optional<Long> account = peek(token, purpose);
		if (account.isEmpty()) {
			return account;
		}
		int spent = this.jdbc.sql("""
				UPDATE account_link SET used_at = :now
				WHERE token_hash IN (:hashes) AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("hashes", this.hasher.hashes(token))
			.param("purpose", purpose.name())
			.update();
		if (spent != 1) {
			auditIfReplayed(token, purpose);
			return Optional.empty();
		}
		return account;
	}

	/** Voids every live link of an account for a purpose. */
	public void voidAll(long accountId, LinkPurpose purpose) {
		this.jdbc.sql("""
				UPDATE account_link SET used_at = :now
				WHERE account_id = :accountId AND purpose = :purpose AND used_at IS NULL
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("accountId", accountId)
			.param("purpose", purpose.name())
			.update();
	}

}
