package org.latchkey.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle timeout an administrator sets ({@code LATCHKEY_SESSION_IDLE_TIMEOUT}, that is
 * {@code server.servlet.session.timeout}) is the one the stored sessions carry, since Latchkey makes Spring
 * Session's store itself.
 */
@LatchkeyTest
@TestPropertySource(properties = "server.servlet.session.timeout=10m")
class SessionIdleTimeoutSettingTests extends ApplicationScenarios {

	@Test
	void sessionsLastTheIdleTimeTheAdministratorSet() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(this.jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
			.param("login", alice.login())
			.query(Integer.class)
			.single()).isEqualTo(600);

		long elevenMinutes = Duration.ofMinutes(11).toMillis();
		this.jdbc.sql("""
				UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - :age, EXPIRY_TIME = EXPIRY_TIME - :age
				WHERE PRINCIPAL_NAME = :login
				""").param("age", elevenMinutes).param("login", alice.login()).update();

		assertThat(browser.get("/").location()).isEqualTo("/login?expired");
	}

}
