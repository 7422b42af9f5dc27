package org.latchkey.oidc.internal;

import java.util.Optional;

import org.latchkey.secret.RandomTokens;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The subject ({@code sub}) applications know each account by: random and opaque, so that it says nothing of how
 * many accounts exist or in what order they were made, and stable, since a rename leaves it as it is. Accounts
 * that existed before subjects were introduced got theirs from the migration; a later account gets its own the
 * first time a token names it.
 */
class Subjects {

	private final JdbcClient jdbc;

	private final RandomTokens tokens;

	Subjects(JdbcClient jdbc, RandomTokens tokens) {
		this.jdbc = jdbc;
		this.tokens = tokens;
	}

	/** The account's subject, made now if it has none yet; concurrent first uses agree on one. */
	String of(long accountId) {
		return stored(accountId).orElseGet(() -> {
			try {
				this.jdbc.sql("INSERT INTO oidc_subject (account_id, subject) VALUES (:id, :subject)")
					.param("id", accountId)
					.param("subject", this.tokens.next())
					.update();
			}
			catch (DuplicateKeyException ex) {
				// another request made the account's subject first: that one stands
			}
			return stored(accountId).orElseThrow();
		});
	}

	private Optional<String> stored(long accountId) {
		return this.jdbc.sql("SELECT subject FROM oidc_subject WHERE account_id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional();
	}

}
