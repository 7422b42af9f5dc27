package org.latchkey.secret;

import java.util.ArrayList;
import java.util.List;

import org.latchkey.system.SettingsCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-encrypts every sealed value in the database under the current master key: the columns each module declares
 * as {@link SealedColumns}. Each value is replaced by one conditional UPDATE of its row on the very ciphertext that
 * was read, so that the nodes may keep running: a value a node rewrote meanwhile is left as the node wrote it.
 * Running it again finds nothing left to do. {@code docs/operations.md} gives the whole procedure.
 */
@Component
public class MasterKeyRotation {

	/** The command-line argument that runs the rotation instead of the server. */
	public static final String COMMAND = "rotate-master-key";

	private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

	private static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final List<SealedColumns> sealedColumns;

	private final SettingsCache settings;

	MasterKeyRotation(JdbcClient jdbc, SecretCipher cipher, List<SealedColumns> sealedColumns,
			SettingsCache settings) {
		this.settings = settings;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.sealedColumns = List.copyOf(sealedColumns);
	}

	/** What a rotation did. */
	public record Result(List<String> columns, int resealed, int unreadable) {
	}

	/** Re-encrypts every value not sealed under the current key yet. */
	public Result rotate() {
		List<String> columns = new ArrayList<>();
		int resealed = 0;
		int unreadable = 0;
		for (SealedColumns table : this.sealedColumns) {
			for (String column : table.columns()) {
				Count count = rotate(table, column);
				columns.add(table.table() + "." + column);
				resealed += count.resealed();
				unreadable += count.unreadable();
			}
			// a node that keeps the table in memory (the SMS settings) reads the resealed values again
			this.settings.changed(table.table());
		}
		log.info("Master key rotation: {} values re-encrypted in {}, {} not readable with the configured keys",
				resealed, columns, unreadable);
		return new Result(columns, resealed, unreadable);
	}

	private Count rotate(SealedColumns table, String column) {
		int resealed = 0;
		int unreadable = 0;
		List<Object> skipped = new ArrayList<>();
		List<Sealed> batch;
		do {
			batch = this.jdbc.sql("SELECT " + table.idColumn() + ", " + column + " FROM " + table.table() + " WHERE "
					+ column + " IS NOT NULL AND " + column + " NOT LIKE :current")
				.param("current", this.cipher.currentPrefix() + "%")
				.query((rs, row) -> new Sealed(rs.getObject(1), rs.getString(2)))
				.list()
				.stream()
				.filter(sealed -> !skipped.contains(sealed.id()))
				.limit(BATCH)
				.toList();
			for (Sealed sealed : batch) {
				String plaintext;
				try {
					plaintext = this.cipher.open(sealed.value());
				}
				catch (IllegalStateException ex) {
					skipped.add(sealed.id());
					unreadable++;
					continue;
				}
				resealed += this.jdbc.sql("UPDATE " + table.table() + " SET " + column + " = :resealed WHERE "
						+ table.idColumn() + " = :id AND " + column + " = :sealed")
					.param("resealed", this.cipher.seal(plaintext))
					.param("id", sealed.id())
					.param("sealed", sealed.value())
					.update();
			}
		}
		while (!batch.isEmpty());
		return new Count(resealed, unreadable);
	}

	/** A sealed value and the row it is in. */
	private record Sealed(Object id, String value) {
	}

	private record Count(int resealed, int unreadable) {
	}

}
