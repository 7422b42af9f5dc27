package org.latchkey.factor;

import java.util.List;

import org.latchkey.system.InLists;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the rows a query finds for a list of account ids of any length, a part of {@link InLists} a query.
 */
final class IdBatches {

	private IdBatches() {
	}

	/** @param countSql a {@code SELECT COUNT(*)} that names the ids as {@code :ids} */
	static long count(JdbcClient jdbc, String countSql, List<Long> ids) {
		long count = 0;
		for (List<Long> part : InLists.parts(ids)) {
			count += jdbc.sql(countSql).param("ids", part).query(Long.class).single();
		}
		return count;
	}

}
