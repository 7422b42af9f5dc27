package org.latchkey.signin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.StorageInvariants;

import static org.latchkey.signin.SingleUseRaces.assertExactlyOneAccepted;

/**
 * Twenty concurrent submissions of one valid emailed code, and of one valid authenticator-app code, sign in
 * exactly once, on H2 and on PostgreSQL. {@code TwoNodeTests} runs the same races across two servers.
 */
@LatchkeyTest
@StorageInvariants
class SingleUseRaceTests extends MailScenarios {

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
