package org.latchkey.secret;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-encrypts every sealed value in the database under the current master key: every column whose name
 * contains {@code sealed} holds {@link SecretCipher} output, by the convention every module follows. Each value
 * is replaced by one conditional UPDATE on the very ciphertext that was read, so that the nodes may keep
 * running: a value a node rewrote meanwhile is left as the node wrote it. Running it again finds nothing left
 * to do. The README gives the whole procedure.
 */
@Component
public class MasterKeyRotation {

	/** The command-line argument that runs the rotation instead of the server. */
	public static final String COMMAND = "rotate-master-key";

	private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

	private static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	MasterKeyRotation(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/** What a rotation did. */
	public record Result(List<String> columns, int resealed, int unreadable) {
	}

	/** Re-encrypts every value not sealed under the current key yet. */
	public Result rotate() {
		List<String> columns = sealedColumns();
		int resealed = 0;
		int unreadable = 0;
		for (String column : columns) {
			String table = column.substring(0, column.indexOf('.'));
			String name = column.substring(column.indexOf('.') + 1);
			List<String> skipped = new ArrayList<>();
			List<String> batch;
			do {
				batch = this.jdbc.sql("SELECT \"" + name + "\" FROM \"" + table + "\" WHERE \"" + name
						+ "\" IS NOT NULL AND \"" + name + "\" NOT LIKE :current")
					.param("current", this.cipher.currentPrefix() + "%")
					.query(String.class)
					.list()
					.stream()
					.filter(sealed -> !skipped.contains(sealed))
					.limit(BATCH)
					.toList();
				for (String sealed : batch) {
					String plaintext;
					try {
						plaintext = this.cipher.open(sealed);
					}
					catch (IllegalStateException ex) {
						skipped.add(sealed);
						unreadable++;
						continue;
					}
					resealed += this.jdbc.sql("UPDATE \"" + table + "\" SET \"" + name + "\" = :resealed WHERE \""
							+ name + "\" = :sealed")
						.param("resealed", this.cipher.seal(plaintext))
						.param("sealed", sealed)
						.update();
				}
			}
			while (!batch.isEmpty());
		}
		log.info("Master key rotation: {} values re-encrypted in {}, {} not readable with the configured keys",
				resealed, columns, unreadable);
		return new Result(columns, resealed, unreadable);
	}

	/** Every column named like a sealed value, as {@code table.column} in the database's own case. */
	private List<String> sealedColumns() {
		return this.jdbc.sql("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE LOWER(table_schema) = 'public' AND LOWER(column_name) LIKE '%sealed%'
				ORDER BY table_name, column_name
				""").query((rs, row) -> rs.getString(1) + "." + rs.getString(2)).list();
	}

}
