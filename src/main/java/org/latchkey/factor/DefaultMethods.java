package org.latchkey.factor;

import java.util.Optional;

import org.latchkey.policy.SecondFactorKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The second factor each user chose to be asked for first at sign-in, when they chose one. */
@Component
public class DefaultMethods {

	private final JdbcClient jdbc;

	DefaultMethods(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<SecondFactorKind> of(long accountId) {
		return this.jdbc.sql("SELECT method FROM default_method WHERE account_id = :id")
			.param("id", accountId)
			.query((rs, row) -> SecondFactorKind.valueOf(rs.getString(1)))
			.optional();
	}

	@Transactional
	public void set(long accountId, SecondFactorKind method) {
		int updated = this.jdbc.sql("UPDATE default_method SET method = :method WHERE account_id = :id")
			.param("method", method.name())
			.param("id", accountId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO default_method (account_id, method) VALUES (:id, :method)")
				.param("id", accountId)
				.param("method", method.name())
				.update();
		}
	}

}
