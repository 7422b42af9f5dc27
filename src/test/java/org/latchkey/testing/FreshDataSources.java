package org.latchkey.testing;

import java.util.UUID;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Empty databases on one connection each, for tests that run Flyway or read a catalogue without starting the
 * application: an in-memory H2 that lives as long as its connection, or a new database of the embedded
 * PostgreSQL server. Whoever asks for one calls {@code destroy()} when done.
 */
public final class FreshDataSources {

	private FreshDataSources() {
	}

	public static SingleConnectionDataSource h2() {
		return new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true);
	}

	public static SingleConnectionDataSource postgres() {
		return new SingleConnectionDataSource(EmbeddedPostgresServer.newDatabase(), "postgres", "postgres", true);
	}

}
