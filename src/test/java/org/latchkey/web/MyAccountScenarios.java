package org.latchkey.web;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.MailScenarios;

/**
 * What the scenarios of My account share, on either engine: email to the test mailbox, two-factor
 * authentication required (so that signing in takes the emailed code), and users with a 2FA email.
 */
abstract class MyAccountScenarios extends MailScenarios {

	TwoFactorUsers users;

	@BeforeEach
	void requireTwoFactor() {
		this.users = new TwoFactorUsers(this.port, this.mailbox, this.accounts, this.emailFactors);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
	}

	long codesSent(long accountId, String purpose) {
		return this.jdbc.sql("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id AND purpose = :purpose")
			.param("id", accountId)
			.param("purpose", purpose)
			.query(Long.class)
			.single();
	}

}
