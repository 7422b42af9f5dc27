package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each application context its own empty database, of the engine the run tests on, and its own data
 * directory, so that contexts never see each other's rows or files. The engine is the system property
 * {@value #ENGINE}: {@code h2} (an in-memory database, the default) or {@code postgresql} (a new database of the
 * {@link EmbeddedPostgresServer}).
 */
public final class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The system property naming the engine of the run. */
	public static final String ENGINE = "latchkey.test.engine";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of(onPostgres() ? postgres() : h2())
			.and("latchkey.data-directory=" + temporaryDirectory())
			// many contexts stay cached during a run: keep each one's idle connections few
			.and("spring.datasource.hikari.minimum-idle=1")
			.and("spring.datasource.hikari.maximum-pool-size=10")
			.applyTo(context);
	}

	/** Whether this run tests on PostgreSQL rather than H2. */
	public static boolean onPostgres() {
		String engine = System.getProperty(ENGINE, "h2").toLowerCase(Locale.ROOT);
		return switch (engine) {
			case "h2" -> false;
			case "postgresql" -> true;
			default -> throw new IllegalArgumentException(ENGINE + " is h2 or postgresql, not " + engine);
		};
	}

	/** An in-memory H2 database, kept open for the life of the context. */
	private static String[] h2() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=" };
	}

	private static String[] postgres() {
		return new String[] { "spring.datasource.url=" + EmbeddedPostgresServer.newDatabase(),
				"spring.datasource.username=postgres", "spring.datasource.password=postgres" };
	}

	private static String temporaryDirectory() {
		try {
			return Files.createTempDirectory("latchkey-test-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
