package org.latchkey.testing;

import org.latchkey.account.AccountManagement;
import org.latchkey.policy.OrganisationPolicy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A base for scenarios run against the whole application ({@link LatchkeyTest}): it holds what most of them use,
 * the port, accounts, policy, database and clock, so that each test class declares only what is its own.
 */
public abstract class ApplicationScenarios {

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
