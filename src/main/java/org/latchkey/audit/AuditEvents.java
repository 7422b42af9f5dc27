package org.latchkey.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.latchkey.system.Paged;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit log back for the console: newest first, filtered by user, event type and days, one page
 * at a time or all at once for an export. It never changes a row: the log is append-only and only {@link AuditLog} writes to it.
 */
@Repository
public class AuditEvents {

	private static final String COLUMNS = """
			id, occurred_at, actor, subject_account_id, subject, client_ip, user_agent, event, outcome, detail""";

	/** How many rows an export reads from the database at a time. */
	private static final int EXPORT_BATCH = 500;

	private final JdbcClient jdbc;

	AuditEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of the events that match the filter; a page number outside them shows the nearest page. */
	public AuditPage search(AuditFilter filter, int page, int size) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM audit_event" + where)
			.params(params)
			.query(Long.class)
			.single();
		int shown = Paged.nearest(page, size, total);
		List<AuditEntry> entries = this.jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where
				+ " ORDER BY occurred_at DESC, id DESC OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY")
			.params(params)
			.param("offset", (long) shown * size)
			.param("limit", size)
			.query(AuditEvents::entry)
			.list();
		return new AuditPage(entries, shown, size, total);
	}

	/**
	 * Hands every event that matches the filter to {@code sink}, newest first, one at a time: the rows are read
	 * from the database in batches as the sink takes them, so an export of any size holds one batch in memory.
	 */
	@Transactional(readOnly = true) // PostgreSQL reads in batches only inside a transaction
	public void export(AuditFilter filter, Consumer<AuditEntry> sink) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		this.jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where + " ORDER BY occurred_at DESC, id DESC")
			.params(params)
			.withFetchSize(EXPORT_BATCH)
			.query((RowCallbackHandler) rs -> sink.accept(entry(rs, rs.getRow())));
	}

	private static String where(AuditFilter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (filter.byUser()) {
			conditions.add("(actor_key = :user OR subject_key = :user)");
			params.put("user", AuditLog.userKey(filter.user().strip()));
		}
		if (filter.byEvent()) {
			conditions.add("event = :event");
			params.put("event", AuditLog.printable(filter.event().strip()));
		}
		if (filter.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", Timestamp.from(filter.fromInstant()));
		}
		if (filter.to() != null) {
			conditions.add("occurred_at < :until");
			params.put("until", Timestamp.from(filter.untilInstant()));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	/** Every event type the log holds, in alphabetical order, for a filter's choices. */
	public List<String> eventTypes() {
		return this.jdbc.sql("SELECT DISTINCT event FROM audit_event ORDER BY event").query(String.class).list();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
				rs.getObject("subject_account_id", Long.class), rs.getString("subject"), rs.getString("client_ip"),
				rs.getString("user_agent"), rs.getString("event"), AuditOutcome.valueOf(rs.getString("outcome")),
				rs.getString("detail"));
	}

}
