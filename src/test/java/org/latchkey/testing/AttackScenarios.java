package org.latchkey.testing;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * A base for scenarios that attack sign-in throttling: the production limit per client address, 127.0.0.1
 * as a trusted proxy so that each {@link Attackers} browser has an address of its own, password checks
 * counted ({@link CountingPasswordEncoder}), and 2FA off unless a test turns it on.
 */
@TestPropertySource(properties = { Attackers.PRODUCTION_LIMIT, Attackers.TRUSTED_LOOPBACK })
@Import(CountingPasswordEncoder.Configuration.class)
public abstract class AttackScenarios extends MailScenarios {

	@Autowired
	private PasswordEncoder passwordEncoder;

	@BeforeEach
	void passwordsAlone() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	/** How many passwords the application checked against a hash so far. */
	protected int passwordChecks() {
		return ((CountingPasswordEncoder) this.passwordEncoder).checkedHashes().size();
	}

}
