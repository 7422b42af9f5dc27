package org.latchkey.sso.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.latchkey.sso.LinkedProvider;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code sso_link} table: which account each provider's subject signs in to. */
@Component
public class Links {

	private final JdbcClient jdbc;

	Links(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Long> accountOf(long providerId, String subject) {
		return this.jdbc.sql("SELECT account_id FROM sso_link WHERE provider_id = :provider AND subject = :subject")
			.param("provider", providerId)
			.param("subject", subject)
			.query(Long.class)
			.optional();
	}

	/**
	 * Links the subject to the account; the keys refuse a subject already linked, or an account already linked
	 * to another subject of the provider (two first sign-ins at once: one wins).
	 * @return whether the link was made
	 */
	public boolean link(long providerId, String subject, long accountId, Instant now) {
		try {
			return this.jdbc.sql("""
					INSERT INTO sso_link (provider_id, subject, account_id, linked_at, last_used_at)
					VALUES (:provider, :subject, :account, :now, :now)
					""")
				.param("provider", providerId)
				.param("subject", subject)
				.param("account", accountId)
				.param("now", Timestamp.from(now))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	public void used(long providerId, String subject, Instant now) {
		this.jdbc.sql("UPDATE sso_link SET last_used_at = :now WHERE provider_id = :provider AND subject = :subject")
			.param("provider", providerId)
			.param("subject", subject)
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<LinkedProvider> of(long accountId) {
		return this.jdbc.sql("""
				SELECT l.provider_id, p.display_name, l.subject, l.linked_at, l.last_used_at FROM sso_link l
				JOIN sso_provider p ON p.id = l.provider_id WHERE l.account_id = :account
				ORDER BY p.display_name, l.provider_id
				""")
			.param("account", accountId)
			.query((rs, row) -> new LinkedProvider(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(),
					(rs.getTimestamp(5) != null) ? rs.getTimestamp(5).toInstant() : null))
			.list();
	}

	public boolean unlink(long accountId, long providerId) {
		return this.jdbc.sql("DELETE FROM sso_link WHERE account_id = :account AND provider_id = :provider")
			.param("account", accountId)
			.param("provider", providerId)
			.update() > 0;
	}

}
