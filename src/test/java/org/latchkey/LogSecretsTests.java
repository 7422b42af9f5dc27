package org.latchkey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.LogRecorder;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class of the run ({@code junit-platform.properties} orders classes by
 * {@link Order}) and reads every line the run logged, from every application the tests started, looking for
 * the passwords, codes, link tokens and authenticator keys the tests used, and the session ids, device
 * cookies and CSRF tokens their browsers were given. The one secret Latchkey logs on
 * purpose is the setup link printed while no administrator exists: whoever reads the server's console installs
 * it.
 */
@Order(Integer.MAX_VALUE)
// the PostgreSQL execution's JVM logs lines of its own (the engine's messages among them): it is scanned too
@Tag(StorageInvariants.TAG)
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

		System.out.printf("Log scan: %d secrets %s looked for in %d lines, %d found%n", secrets.size(),
				Secrets.countsByKind(), lines.size(), found.size());
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

	@Test
	void scanFindsEachOfThousandsOfSecretsInOnePass() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 5000; i++) {
			secrets.add(UUID.randomUUID().toString());
			secrets.add(String.format("%06d", i * 7));
		}
		String session = UUID.randomUUID().toString();
		secrets.add(session);
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 20000; i++) {
			lines.add("DEBUG org.example.Noise : request " + i + " took 12 ms at /account/methods/confirm");
		}
		lines.add("INFO org.example.Leak : renewed session " + session + " for 000014");

		assertThat(Secrets.foundIn(lines, secrets)).containsExactlyInAnyOrder(session + " in: " + lines.get(20000),
				"000014 in: " + lines.get(20000));
	}

	@Test
	void sessionIdIsLookedForAsTheServerKnowsItAndCsrfTokenAsTheSessionHoldsIt() {
		String sessionId = UUID.randomUUID().toString();
		String csrf = UUID.randomUUID().toString();
		byte[] random = new byte[csrf.length()];
		new SecureRandom().nextBytes(random);
		byte[] masked = new byte[random.length * 2];
		for (int i = 0; i < random.length; i++) {
			masked[i] = random[i];
			masked[random.length + i] = (byte) (random[i] ^ csrf.charAt(i));
		}

		Secrets.cookie("__Host-LATCHKEY_SESSION",
				Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.US_ASCII)));
		Secrets.csrfToken(Base64.getUrlEncoder().encodeToString(masked));

		assertThat(Secrets.all()).contains(sessionId, csrf);
	}

}
