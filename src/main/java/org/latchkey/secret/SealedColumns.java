package org.latchkey.secret;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The columns of one table that hold values sealed with the master key ({@link SecretCipher} output), declared
 * as a bean by the module that owns the table, so that {@link MasterKeyRotation} re-encrypts exactly them. A
 * column named like {@code sealed} that no module declares fails a test.
 *
 * @param table the table, in lower case
 * @param idColumn the column that identifies a row, so each value is rewritten in its own row
 * @param columns the sealed columns, in lower case
 */
public record SealedColumns(String table, String idColumn, List<String> columns) {

	/** Plain unquoted identifiers only: they are written into SQL, and each database folds them to its case. */
	private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

	/** @throws IllegalArgumentException when a name is not a plain lower-case identifier, or no column is named */
	public SealedColumns {
		columns = List.copyOf(columns);
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("No sealed column is declared for " + table);
		}
		identifier(table);
		identifier(idColumn);
		columns.forEach(SealedColumns::identifier);
	}

	public SealedColumns(String table, String idColumn, String... columns) {
		this(table, idColumn, List.of(columns));
	}

	private static void identifier(String name) {
		if (!IDENTIFIER.matcher(Objects.requireNonNull(name, "name must not be null")).matches()) {
			throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
		}
	}

}
