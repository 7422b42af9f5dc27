package org.latchkey.web;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the scenarios of My account share, on either engine: email to the test mailbox, two-factor
 * authentication required (so that signing in takes the emailed code), and users with a 2FA email.
 */
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.HOST, Mailbox.NO_TLS, Mailbox.FAST_DISPATCH })
abstract class MyAccountScenarios {

	@LocalServerPort
	int port;

	@Value("${spring.mail.port}")
	int smtpPort;

	@Autowired
	AccountManagement accounts;

	@Autowired
	EmailFactors emailFactors;

	@Autowired
	OrganisationPolicy policy;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	Mailbox mailbox;

	TwoFactorUsers users;

	@BeforeEach
	void requireTwoFactor() {
		this.mailbox = Mailbox.on(this.smtpPort);
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
