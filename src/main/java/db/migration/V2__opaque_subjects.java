package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.latchkey.secret.RandomTokens;

/**
 * Gives every account the subject applications know it by: random, opaque and stable, in place of the
 * account's sequential id, which told every application how many accounts exist and in what order they were
 * made. A Java migration because H2 and PostgreSQL share no function that makes random values; the subjects
 * are made as {@code org.latchkey.oidc.internal.Subjects} makes those of later accounts.
 */
public class V2__opaque_subjects extends BaseJavaMigration {

	private final RandomTokens subjects = new RandomTokens();

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE TABLE oidc_subject (
						account_id BIGINT PRIMARY KEY,
						subject VARCHAR(64) NOT NULL,
						CONSTRAINT oidc_subject_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
							ON DELETE CASCADE,
						CONSTRAINT oidc_subject_subject_uk UNIQUE (subject)
					)""");
		}
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO oidc_subject (account_id, subject) VALUES (?, ?)")) {
			for (long accountId : accountIds(connection)) {
				insert.setLong(1, accountId);
				insert.setString(2, this.subjects.next());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static List<Long> accountIds(Connection connection) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id FROM account")) {
			while (rows.next()) {
				ids.add(rows.getLong(1));
			}
		}
		return ids;
	}

}
