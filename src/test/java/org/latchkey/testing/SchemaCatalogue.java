package org.latchkey.testing;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a migrated database holds, read back from the engine's own catalogue as one sorted set of facts that H2
 * and PostgreSQL word alike: tables and columns (normalised type, length, position, nullability, default,
 * identity), primary keys, unique, foreign-key and check constraints by their columns, indexes, and the rows the
 * migrations insert. Two databases the same migrations built on either engine give the same set; so do two
 * chains of migrations that build the same schema. Names an engine makes up for unnamed constraints are left out.
 */
public final class SchemaCatalogue {

	private static final String FLYWAY_HISTORY = "flyway_schema_history";

	// an H2 name for an unnamed constraint, or PostgreSQL's (its NOT NULL constraints included)
	private static final Pattern GENERATED_NAME = Pattern
		.compile("constraint_[0-9a-f]+|.*_(pkey|key|fkey|check|not_null)");

	// the string and number literals of a check clause, which both engines keep while rewording the rest
	private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'|(?<![\\w\"])\\d+(?![\\w\"])");

	private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\[\\])?");

	private SchemaCatalogue() {
	}

	/** The facts that describe the database behind {@code dataSource}, in its {@code public} schema. */
	public static SortedSet<String> of(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		SortedSet<String> facts = new TreeSet<>();
		columns(jdbc, facts);
		Map<String, Key> keys = keyColumns(jdbc);
		keysAndUniques(keys, facts);
		foreignKeys(jdbc, keys, facts);
		checks(jdbc, facts);
		facts.addAll(isPostgres(dataSource) ? postgresIndexes(jdbc) : h2Indexes(jdbc));
		rows(jdbc, facts);
		return facts;
	}

	/** Each fact found on one side only, marked with the side's name; empty when the two sets agree. */
	public static List<String> differences(String leftName, SortedSet<String> left, String rightName,
			SortedSet<String> right) {
		List<String> differences = new ArrayList<>();
		left.stream().filter(fact -> !right.contains(fact)).forEach(fact -> differences.add(leftName + " only: " + fact));
		right.stream().filter(fact -> !left.contains(fact)).forEach(fact -> differences.add(rightName + " only: " + fact));
		return differences;
	}

	private static void columns(JdbcClient jdbc, SortedSet<String> facts) {
		jdbc.sql("""
				SELECT c.table_name, c.column_name, c.ordinal_position, c.data_type, c.character_maximum_length,
					c.datetime_precision, c.is_nullable, c.column_default, c.is_identity, c.identity_generation
				FROM information_schema.columns c JOIN information_schema.tables t
					ON t.table_schema = c.table_schema AND t.table_name = c.table_name
				WHERE LOWER(c.table_schema) = 'public' AND t.table_type = 'BASE TABLE'
				""").query(rs -> {
			String table = lower(rs.getString(1));
			if (!FLYWAY_HISTORY.equals(table)) {
				facts.add("column " + table + "." + lower(rs.getString(2)) + " #" + rs.getInt(3) + " "
						+ type(lower(rs.getString(4)), rs.getObject(5), rs.getObject(6))
						+ ("YES".equals(rs.getString(7)) ? " null" : " not null")
						+ ((rs.getString(8) != null) ? " default " + normalised(rs.getString(8)) : "")
						+ ("YES".equals(rs.getString(9)) ? " identity " + lower(rs.getString(10)) : ""));
			}
		});
	}

	private static String type(String dataType, Object length, Object precision) {
		if (dataType.startsWith("character")) {
			return dataType + "(" + length + ")";
		}
		if (dataType.startsWith("timestamp")) {
			return dataType + "(" + precision + ")";
		}
		// BYTEA is PostgreSQL's name of H2's BINARY VARYING, whose length H2 reports as its own maximum
		return dataType.equals("bytea") ? "binary varying" : dataType;
	}

	private static void keysAndUniques(Map<String, Key> keys, SortedSet<String> facts) {
		keys.forEach((constraint, key) -> {
			if (!key.type().equals("foreign key")) {
				facts.add(key.type() + " " + key.table() + " " + key.columns() + named(constraint));
			}
		});
	}

	private static void foreignKeys(JdbcClient jdbc, Map<String, Key> keys, SortedSet<String> facts) {
		jdbc.sql("""
				SELECT constraint_name, unique_constraint_name, update_rule, delete_rule
				FROM information_schema.referential_constraints WHERE LOWER(constraint_schema) = 'public'
				""").query(rs -> {
			Key key = keys.get(rs.getString(1));
			Key referenced = keys.get(rs.getString(2));
			facts.add("foreign key " + key.table() + " " + key.columns() + " references " + referenced.table() + " "
					+ referenced.columns() + " on update " + rule(rs.getString(3)) + " on delete "
					+ rule(rs.getString(4)) + named(rs.getString(1)));
		});
	}

	private static String rule(String rule) {
		// H2 checks a constraint without an action at once, as RESTRICT, and names it so; PostgreSQL says NO ACTION
		return lower(rule).equals("restrict") ? "no action" : lower(rule);
	}

	/** Primary, unique and foreign keys by constraint name, each with its table and its columns in order. */
	private static Map<String, Key> keyColumns(JdbcClient jdbc) {
		Map<String, Key> keys = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT tc.constraint_name, tc.constraint_type, tc.table_name, k.column_name
				FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k
					ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
					AND k.table_name = tc.table_name
				WHERE LOWER(tc.table_schema) = 'public'
					AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
				ORDER BY tc.constraint_name, k.ordinal_position
				""").query(rs -> {
			Key key = new Key(lower(rs.getString(2)), lower(rs.getString(3)), new ArrayList<>());
			keys.computeIfAbsent(rs.getString(1), name -> key).columns().add(lower(rs.getString(4)));
		});
		keys.values().removeIf(key -> key.table().equals(FLYWAY_HISTORY));
		return keys;
	}

	private static void checks(JdbcClient jdbc, SortedSet<String> facts) {
		Map<String, SortedSet<String>> columns = new TreeMap<>();
		jdbc.sql("""
				SELECT constraint_name, column_name FROM information_schema.constraint_column_usage
				WHERE LOWER(constraint_schema) = 'public'
				""").query(rs -> {
			columns.computeIfAbsent(rs.getString(1), name -> new TreeSet<>()).add(lower(rs.getString(2)));
		});
		jdbc.sql("""
				SELECT tc.constraint_name, tc.table_name, cc.check_clause
				FROM information_schema.table_constraints tc JOIN information_schema.check_constraints cc
					ON cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name
				WHERE LOWER(tc.table_schema) = 'public' AND tc.constraint_type = 'CHECK'
				""").query(rs -> {
			String name = rs.getString(1);
			if (!lower(name).endsWith("_not_null")) {
				facts.add("check " + lower(rs.getString(2)) + " " + columns.get(name) + " literals "
						+ literals(rs.getString(3)) + named(name));
			}
		});
	}

	private static List<String> literals(String clause) {
		List<String> literals = new ArrayList<>();
		Matcher matcher = LITERAL.matcher(clause);
		while (matcher.find()) {
			literals.add(matcher.group());
		}
		literals.sort(null);
		return literals;
	}

	private static List<String> h2Indexes(JdbcClient jdbc) {
		return indexes(jdbc, """
				SELECT i.table_name, i.index_name, i.index_type_name = 'UNIQUE INDEX', c.column_name
				FROM information_schema.indexes i JOIN information_schema.index_columns c
					ON c.index_schema = i.index_schema AND c.index_name = i.index_name AND c.table_name = i.table_name
				WHERE i.table_schema = 'PUBLIC' AND NOT i.is_generated
				ORDER BY i.index_name, c.ordinal_position
				""");
	}

	private static List<String> postgresIndexes(JdbcClient jdbc) {
		// the indexes a primary key or unique constraint brings are the constraint's, not created on their own
		return indexes(jdbc, """
				SELECT t.relname, i.relname, x.indisunique, a.attname
				FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
					JOIN pg_namespace n ON n.oid = t.relnamespace
					CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, position)
					JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
				WHERE n.nspname = 'public'
					AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid
						AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u'))
				ORDER BY i.relname, k.position
				""");
	}

	private static List<String> indexes(JdbcClient jdbc, String query) {
		Map<String, Key> indexes = new LinkedHashMap<>();
		jdbc.sql(query).query(rs -> {
			Key index = new Key(rs.getBoolean(3) ? "unique index" : "index", lower(rs.getString(1)), new ArrayList<>());
			indexes.computeIfAbsent(lower(rs.getString(2)), name -> index).columns().add(lower(rs.getString(4)));
		});
		List<String> facts = new ArrayList<>();
		indexes.forEach((name, index) -> {
			if (!index.table().equals(FLYWAY_HISTORY)) {
				facts.add(index.type() + " " + index.table() + " " + index.columns() + " named " + name);
			}
		});
		return facts;
	}

	private static void rows(JdbcClient jdbc, SortedSet<String> facts) {
		List<String> tables = jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'
				""").query(String.class).list();
		tables.stream().filter(table -> !lower(table).equals(FLYWAY_HISTORY)).forEach(table -> jdbc
			.sql("SELECT * FROM \"" + table + "\"")
			.query(rs -> {
				ResultSetMetaData columns = rs.getMetaData();
				Map<String, Object> row = new TreeMap<>();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					row.put(lower(columns.getColumnName(i)), rs.getObject(i));
				}
				facts.add("row " + lower(table) + " " + row);
			}));
	}

	private static String named(String constraint) {
		String name = lower(constraint);
		return GENERATED_NAME.matcher(name).matches() ? "" : " named " + name;
	}

	private static String normalised(String columnDefault) {
		return CAST.matcher(lower(columnDefault)).replaceAll("");
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell the database engine", ex);
		}
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	private record Key(String type, String table, List<String> columns) {
	}

}
