package org.latchkey.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Reads the outbox table as a database dump would show it, and waits for the application's dispatcher,
 * which runs on its own schedule, to move a message on.
 */
public final class OutboxRows {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final JdbcClient jdbc;

	public OutboxRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Row get(long id) {
		return this.jdbc.sql("""
				SELECT recipient, status, attempts, sealed_body, last_error, next_attempt_at FROM outbox_message
				WHERE id = :id
				""")
			.param("id", id)
			.query((rs, row) -> new Row(rs.getString("recipient"), rs.getString("status"), rs.getInt("attempts"),
					rs.getString("sealed_body"), rs.getString("last_error"),
					rs.getTimestamp("next_attempt_at").toInstant()))
			.single();
	}

	public Row awaitStatus(long id, String status) {
		return awaitRow(id, row -> row.status().equals(status));
	}

	public Row awaitAttempts(long id, int attempts) {
		return awaitRow(id, row -> row.attempts() >= attempts);
	}

	public long countTo(String recipient) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", recipient)
			.query(Long.class)
			.single();
	}

	private Row awaitRow(long id, Predicate<Row> condition) {
		return await().atMost(PATIENCE).until(() -> get(id), condition);
	}

	/** One message's row. */
	public record Row(String recipient, String status, int attempts, @Nullable String sealedBody,
			@Nullable String lastError, Instant nextAttemptAt) {
	}

}
