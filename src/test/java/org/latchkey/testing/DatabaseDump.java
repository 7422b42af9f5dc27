package org.latchkey.testing;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the database holds, as one text, the way whoever steals a backup reads it: every column of every
 * row of every table, binary columns (serialized sessions) read as text too; and on H2 the engine's own
 * {@code SCRIPT}.
 */
public final class DatabaseDump {

	private DatabaseDump() {
	}

	public static String of(JdbcClient jdbc) {
		StringBuilder dump = new StringBuilder();
		List<String> tables = jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')
				""").query(String.class).list();
		for (String table : tables) {
			jdbc.sql("SELECT * FROM \"" + table + "\"").query(rs -> {
				ResultSetMetaData columns = rs.getMetaData();
				dump.append(table.toLowerCase(Locale.ROOT));
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					Object value = rs.getObject(i);
					dump.append('|').append((value instanceof byte[] bytes)
							? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value));
				}
				dump.append('\n');
			});
		}
		return dump.toString();
	}

	/** H2's own dump of the database: the SQL that recreates it, rows included. */
	public static String h2Script(JdbcClient jdbc) {
		return String.join("\n", jdbc.sql("SCRIPT").query((rs, row) -> rs.getString(1)).list());
	}

}
