package org.latchkey.factor;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the rows a query finds for a list of account ids of any length, a thousand ids a query: PostgreSQL takes
 * at most 32767 parameters in a statement.
 */
final class IdBatches {

	private static final int IDS_PER_QUERY = 1000;

	private IdBatches() {
	}

	/** @param countSql a {@code SELECT COUNT(*)} that names the ids as {@code :ids} */
	static long count(JdbcClient jdbc, String countSql, List<Long> ids) {
		long count = 0;
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			count += jdbc.sql(countSql)
				.param("ids", ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size())))
				.query(Long.class)
				.single();
		}
		return count;
	}

}
