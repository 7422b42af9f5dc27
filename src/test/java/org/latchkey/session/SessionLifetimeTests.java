package org.latchkey.session;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in the database, record how they were signed in, and end on the server after 30 minutes
 * idle or 12 hours in all; those no browser comes back to are swept.
 */
@LatchkeyTest
@StorageInvariants
class SessionLifetimeTests extends ApplicationScenarios {

	@Autowired
	SignedInSessions sessions;

	@Autowired
	JdbcTemplate jdbcTemplate;

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

	@Test
	void sweepForgetsTheSessionsOverATimeoutAndKeepsTheOthers() {
		Account alice = People.alice(this.accounts);
		String live = signedInSession(alice);
		String idle = signedInSession(alice);
		String gone = signedInSession(alice);
		String justRenewed = signedInSession(alice);
		String tooOld = signedInSession(alice);
		this.jdbc.sql("UPDATE SPRING_SESSION SET EXPIRY_TIME = EXPIRY_TIME - :age WHERE SESSION_ID = :id")
			.param("age", Duration.ofMinutes(31).toMillis())
			.param("id", idle)
			.update();
		// Spring Session's own clean-up took the row, or the renewed id is not written there yet (a minute's grace)
		for (String id : List.of(gone, justRenewed)) {
			this.jdbc.sql("DELETE FROM SPRING_SESSION WHERE SESSION_ID = :id").param("id", id).update();
		}
		signedInAgo(gone, Duration.ofMinutes(2));
		signedInAgo(tooOld, Duration.ofHours(12).plusMinutes(1));

		// the sessions other tests left over a timeout go too
		assertThat(this.sessions.endExpired()).isGreaterThanOrEqualTo(3);

		assertThat(sessionsOf(alice)).containsExactlyInAnyOrder(live, justRenewed);
	}

	@Test
	void endingMoreSessionsThanOneStatementNamesEndsEachOfThem() {
		Account alice = People.alice(this.accounts);
		List<String> ids = new ArrayList<>();
		List<Object[]> springRows = new ArrayList<>();
		List<Object[]> signedInRows = new ArrayList<>();
		long now = System.currentTimeMillis();
		for (int session = 0; session < 2500; session++) {
			String id = "%064d".formatted(session);
			ids.add(id);
			springRows.add(new Object[] { UUID.randomUUID().toString(), id, now, now, 1800, now + 1_800_000,
					alice.login() });
			signedInRows.add(new Object[] { id, alice.id(), Timestamp.from(this.clock.instant()) });
		}
		this.jdbcTemplate.batchUpdate("""
				INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,
					MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)
				""", springRows);
		this.jdbcTemplate.batchUpdate("""
				INSERT INTO signed_in_session (session_id, account_id, method, signed_in_at)
				VALUES (?, ?, 'PASSWORD', ?)
				""", signedInRows);

		assertThat(this.sessions.endAllOf(alice.id(), EndReason.ADMINISTRATOR)).isEqualTo(2500);

		assertThat(sessionsOf(alice)).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
			.param("login", alice.login())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM ended_session WHERE session_id IN (:ids) AND reason = :reason")
			.param("reason", EndReason.ADMINISTRATOR.name())
			.param("ids", ids)
			.query(Long.class)
			.single()).isEqualTo(2500);
	}

	/** Signs the person in with a new browser; returns the id of the session that sign-in stored. */
	private String signedInSession(Account account) {
		List<String> before = sessionsOf(account);
		signIn(account);
		List<String> after = new ArrayList<>(sessionsOf(account));
		after.removeAll(before);
		assertThat(after).hasSize(1);
		return after.get(0);
	}

	private List<String> sessionsOf(Account account) {
		return this.jdbc.sql("SELECT session_id FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	private void signedInAgo(String sessionId, Duration age) {
		this.jdbc.sql("UPDATE signed_in_session SET signed_in_at = :at WHERE session_id = :id")
			.param("at", Timestamp.from(this.clock.instant().minus(age)))
			.param("id", sessionId)
			.update();
	}

	private Browser signIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

}
