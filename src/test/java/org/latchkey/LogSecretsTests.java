package org.latchkey;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.LogRecorder;
import org.latchkey.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class of the run ({@code junit-platform.properties} orders classes by
 * {@link Order}) and reads every line the run logged, from every application the tests started, looking for
 * the passwords, codes, link tokens and authenticator keys the tests used. The one secret Latchkey logs on
 * purpose is the setup link printed while no administrator exists: whoever reads the server's console installs
 * it.
 */
@Order(Integer.MAX_VALUE)
class LogSecretsTests {

	private static final String SETUP_LINK_LINE = "No administrator exists yet. Create the first one";

	@Test
	void noSecretTheTestsUsedWasLogged() {
		List<String> lines = LogRecorder.lines()
			.stream()
			.filter(line -> !line.contains(SETUP_LINK_LINE))
			.toList();
		Set<String> secrets = Secrets.all();

		List<String> found = Secrets.foundIn(lines, secrets);

		System.out.printf("Log scan: %d secrets looked for in %d lines, %d found%n", secrets.size(), lines.size(),
				found.size());
		assertThat(lines).as("the run's log, from " + LogRecorder.FILE).isNotEmpty();
		assertThat(found).as("secrets in the log").isEmpty();
	}

	@Test
	void scanFindsASecretWhereverItStandsButACodeOnlyStandingAlone() {
		List<String> lines = List.of("INFO x : Sent code 493817 to a***@example.com",
				"INFO y : created /tmp/latchkey-test-1204938172 for run", "WARN z : password=correct horse battery");

		assertThat(Secrets.foundIn(lines, Set.of("493817", "correct horse battery", "absent secret")))
			.containsExactlyInAnyOrder("493817 in: " + lines.get(0), "correct horse battery in: " + lines.get(2));
		assertThat(Secrets.foundIn(lines.subList(1, 2), Set.of("493817"))).isEmpty();
	}

}
