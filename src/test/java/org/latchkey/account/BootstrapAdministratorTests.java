package org.latchkey.account;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Unattended installs name the first administrator in the environment instead of opening the setup link. */
@LatchkeyTest
@TestPropertySource(properties = { "latchkey.account.bootstrap.login=root-admin",
		"latchkey.account.bootstrap.email=ops@example.com",
		"latchkey.account.bootstrap.password=an operator chose this long passphrase" })
class BootstrapAdministratorTests extends ApplicationScenarios {

	@Autowired
	FirstAdministrator firstAdministrator;

	@Test
	void bootstrapVariablesCreateTheFirstAdministratorAtStart() {
		assertThat(this.firstAdministrator.isNeeded()).isFalse();
		assertThat(new Browser(this.port).signIn("root-admin", "an operator chose this long passphrase").location())
			.isEqualTo("/");
	}

	@Test
	void noSetupLinkIsOpenedAndThePasswordIsStoredHashed() {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM setup_token").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT password_hash FROM account WHERE login_key = 'root-admin'")
			.query(String.class)
			.single()).startsWith("{argon2}$argon2id$").doesNotContain("passphrase");
	}

}
