package org.latchkey.testing;

import java.util.EnumSet;
import java.util.Set;

import org.latchkey.account.AccountManagement;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A base for scenarios run against the whole application ({@link LatchkeyTest}): it holds what most of them use,
 * the port, accounts, policy, database and clock, so that each test class declares only what is its own.
 */
public abstract class ApplicationScenarios {

	/**
	 * Every method that works with a code (email, app, SMS): what the SMS scenarios allow, leaving passkeys out so
	 * that no later class of the same context finds them allowed.
	 */
	protected static final Set<SecondFactorKind> EVERY_CODE_METHOD = EnumSet.of(SecondFactorKind.EMAIL_CODE,
			SecondFactorKind.AUTHENTICATOR_APP, SecondFactorKind.SMS_CODE);

	@LocalServerPort
	protected int port;

	@Autowired
	protected AccountManagement accounts;

	@Autowired
	protected OrganisationPolicy policy;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected TestClock clock;

}
