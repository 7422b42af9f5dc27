package org.latchkey.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in the database, record how they were signed in, and end on the server after 30 minutes
 * idle or 12 hours in all.
 */
@LatchkeyTest
@StorageInvariants
class SessionLifetimeTests extends ApplicationScenarios {

	@Test
	void signedInSessionIsStoredInTheDatabaseWithItsMethod() {
		Account alice = People.alice(this.accounts);

		signIn(alice);

		assertThat(this.jdbc.sql("""
				SELECT s.method FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.account_id = :id
				""").param("id", alice.id()).query(String.class).list()).containsExactly("PASSWORD");
		assertThat(this.jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
			.param("login", alice.login())
			.query(Integer.class)
			.single()).isEqualTo(1800);
	}

	@Test
	void sessionIdleForMoreThanThirtyMinutesEnds() {
		Account alice = People.alice(this.accounts);
		Browser browser = signIn(alice);

		long thirtyOneMinutes = Duration.ofMinutes(31).toMillis();
		this.jdbc.sql("""
				UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - :age, EXPIRY_TIME = EXPIRY_TIME - :age
				WHERE PRINCIPAL_NAME = :login
				""").param("age", thirtyOneMinutes).param("login", alice.login()).update();

		Page next = browser.get("/");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).isEqualTo("/login?expired");
		assertThat(next.follow().text()).contains("Your session has ended");
	}

	@Test
	void sessionUsedWithinEachThirtyMinutesLastsLongerThanThat() {
		Account alice = People.alice(this.accounts);
		Browser browser = signIn(alice);

		for (int visit = 0; visit < 2; visit++) {
			age(alice, Duration.ofMinutes(29));
			assertThat(browser.get("/").status()).as("visit %d", visit).isEqualTo(200);
		}
	}

	/** Moves the last access of the person's sessions {@code age} into the past, as time passing would. */
	private void age(Account account, Duration age) {
		this.jdbc.sql("""
				UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - :age, EXPIRY_TIME = EXPIRY_TIME - :age
				WHERE PRINCIPAL_NAME = :login
				""").param("age", age.toMillis()).param("login", account.login()).update();
	}

	@Test
	void activeSessionStillEndsTwelveHoursAfterSignIn() {
		Account alice = People.alice(this.accounts);
		Browser browser = signIn(alice);
		this.clock.advance(Duration.ofHours(11).plusMinutes(59));
		assertThat(browser.get("/").status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(2));

		Page next = browser.get("/");
		assertThat(next.location()).isEqualTo("/login?expired");
		assertThat(browser.get("/").status()).isEqualTo(302);
	}

	private Browser signIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

}
