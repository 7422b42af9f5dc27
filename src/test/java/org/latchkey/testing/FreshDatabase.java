package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each application context its own empty database and data directory, so that contexts never see
 * each other's rows or files. One subclass per engine.
 */
public abstract class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of(datasourceProperties())
			.and("latchkey.data-directory=" + temporaryDirectory())
			// many contexts stay cached during a run: keep each one's idle connections few
			.and("spring.datasource.hikari.minimum-idle=1")
			.and("spring.datasource.hikari.maximum-pool-size=10")
			.applyTo(context);
	}

	abstract String[] datasourceProperties();

	private static String temporaryDirectory() {
		try {
			return Files.createTempDirectory("latchkey-test-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An in-memory H2 database, kept open for the life of the context. */
	public static final class H2 extends FreshDatabase {

		@Override
		String[] datasourceProperties() {
			return new String[] { "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa", "spring.datasource.password=" };
		}

	}

	/** A new database in the embedded PostgreSQL server. */
	public static final class Postgres extends FreshDatabase {

		@Override
		String[] datasourceProperties() {
			return new String[] { "spring.datasource.url=" + EmbeddedPostgresServer.newDatabase(),
					"spring.datasource.username=postgres", "spring.datasource.password=postgres" };
		}

	}

}
