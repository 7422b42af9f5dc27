package org.latchkey.signin;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OnH2;
import org.latchkey.testing.OnPostgres;

import org.springframework.test.context.TestPropertySource;

import static org.latchkey.signin.SingleUseRaces.assertExactlyOneAccepted;

/**
 * Twenty concurrent submissions of one valid emailed code, and of one valid authenticator-app code, sign in
 * exactly once, on H2 and on PostgreSQL. {@code TwoNodeTests} runs the same races across two servers.
 */
class SingleUseRaceTests {

	@Nested
	@OnH2
	@TestPropertySource(properties = "spring.mail.port=" + Mailbox.H2_PORT)
	class OnH2Database extends Scenarios {

	}

	@Nested
	@OnPostgres
	@TestPropertySource(properties = "spring.mail.port=" + Mailbox.POSTGRES_PORT)
	class OnPostgresDatabase extends Scenarios {

	}

	abstract static class Scenarios extends MailScenarios {

		private SingleUseRaces races() {
			return new SingleUseRaces(List.of(this.port), this.accounts, this.emailFactors, this.policy,
					this.mailbox, this.jdbc, this.clock);
		}

		@Test
		void twentyConcurrentSubmissionsOfOneEmailedCodeSignInOnce() throws Exception {
			assertExactlyOneAccepted(races().emailCode());
		}

		@Test
		void twentyConcurrentSubmissionsOfOneAppCodeSignInOnce() throws Exception {
			assertExactlyOneAccepted(races().authenticatorCode());
		}

	}

}
