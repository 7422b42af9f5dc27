package org.latchkey.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.FreshDataSources;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that has been released is never edited nor removed: an installation that ran it keeps its
 * checksum in Flyway's history and would refuse to start. {@code db/released-migrations.txt} lists each released
 * migration with the checksum Flyway computes for it; a release adds its new migrations to the list.
 */
class ReleasedMigrationsTests {

	private static final String RELEASED = "/db/released-migrations.txt";

	@Test
	void everyReleasedMigrationIsStillThereUnchanged() throws IOException {
		Map<String, Integer> checksums = checksumsOfTheMigrations();
		List<String> problems = new ArrayList<>();
		for (String line : released()) {
			String[] released = line.split("\\s+");
			Integer checksum = checksums.get(released[0]);
			if (checksum == null) {
				problems.add(released[0] + " is released but no longer in db/migration");
			}
			else if (checksum != Integer.parseInt(released[1])) {
				problems.add(released[0] + " is released with checksum " + released[1] + " but is now " + checksum
						+ ": add a new migration instead of editing it");
			}
		}
		assertThat(problems).as("released migrations").isEmpty();
		assertThat(released()).as("the list of released migrations").isNotEmpty();
	}

	/** Each migration's checksum, by file name, as Flyway computes it before it applies the migration. */
	private static Map<String, Integer> checksumsOfTheMigrations() {
		SingleConnectionDataSource empty = FreshDataSources.h2();
		try {
			MigrationInfo[] pending = Flyway.configure()
				.dataSource(empty)
				.locations("classpath:db/migration")
				.load()
				.info()
				.pending();
			// a Java migration (V2__opaque_subjects) has no checksum: only SQL files are pinned here
			return Arrays.stream(pending)
				.filter(migration -> migration.getChecksum() != null)
				.collect(Collectors.toMap(MigrationInfo::getScript, MigrationInfo::getChecksum));
		}
		finally {
			empty.destroy();
		}
	}

	private static List<String> released() throws IOException {
		try (InputStream list = ReleasedMigrationsTests.class.getResourceAsStream(RELEASED)) {
			assertThat(list).as(RELEASED).isNotNull();
			return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
