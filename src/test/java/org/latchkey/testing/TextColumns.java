package org.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Searches every text column of every table, as someone reading a dump of the database would. */
public final class TextColumns {

	private TextColumns() {
	}

	/** The columns, as {@code table.column} in lower case, where some row contains {@code text}. */
	public static List<String> containing(JdbcClient jdbc, String text) {
		List<String> found = new ArrayList<>();
		List<List<String>> columns = jdbc.sql("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE LOWER(table_schema) = 'public'
				AND (LOWER(data_type) LIKE 'character%' OR LOWER(data_type) IN ('text', 'varchar', 'clob'))
				""").query((rs, row) -> List.of(rs.getString(1), rs.getString(2))).list();
		for (List<String> column : columns) {
			long rows = jdbc.sql("SELECT COUNT(*) FROM \"" + column.get(0) + "\" WHERE \"" + column.get(1)
					+ "\" LIKE :text").param("text", "%" + text + "%").query(Long.class).single();
			if (rows > 0) {
				found.add((column.get(0) + "." + column.get(1)).toLowerCase(Locale.ROOT));
			}
		}
		return found;
	}

}
