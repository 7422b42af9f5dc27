package org.latchkey.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.latchkey.system.InLists;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Figures the console's dashboard and list of users read from the log: how often events happened, hour by
 * hour, and when each account last met one. The modules that record an event name it here (the log does not
 * know what a sign-in is); like {@link AuditEvents}, it only reads.
 */
@Component
public class AuditStatistics {

	private final JdbcClient jdbc;

	AuditStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many of these events, with this outcome, happened in each of {@code hours} consecutive hours from
	 * {@code from}: element {@code i} counts those at or after {@code from + i hours} and before the next.
	 */
	public long[] perHour(Collection<? extends AuditEvent> events, AuditOutcome outcome, Instant from, int hours) {
		long[] counts = new long[hours];
		Instant to = from.plus(Duration.ofHours(hours));
		// the rows are bucketed here rather than by SQL: no date function is written alike on H2 and PostgreSQL
		this.jdbc.sql("""
				SELECT occurred_at FROM audit_event
				WHERE event IN (:events) AND outcome = :outcome AND occurred_at >= :from AND occurred_at < :to
				""")
			.param("events", events.stream().map(AuditEvent::name).toList())
			.param("outcome", outcome.name())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((RowCallbackHandler) rs -> {
				long hour = Duration.between(from, rs.getTimestamp(1).toInstant()).toHours();
				if (hour >= 0 && hour < hours) {
					counts[(int) hour]++;
				}
			});
		return counts;
	}

	/** When each of these accounts last met the event with this outcome; an account that never did is absent. */
	public Map<Long, Instant> lastOccurrences(AuditEvent event, AuditOutcome outcome, Collection<Long> accountIds) {
		Map<Long, Instant> last = new HashMap<>();
		List<Long> ids = List.copyOf(accountIds);
		for (List<Long> part : InLists.parts(ids)) {
			this.jdbc.sql("""
					SELECT subject_account_id, MAX(occurred_at) FROM audit_event
					WHERE event = :event AND outcome = :outcome AND subject_account_id IN (:ids)
					GROUP BY subject_account_id
					""")
				.param("event", event.name())
				.param("outcome", outcome.name())
				.param("ids", part)
				.query((RowCallbackHandler) rs -> last.put(rs.getLong(1), rs.getTimestamp(2).toInstant()));
		}
		return last;
	}

}
