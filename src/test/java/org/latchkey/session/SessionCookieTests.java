package org.latchkey.session;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.DatabaseDump;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OnH2;
import org.latchkey.testing.OnPostgres;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionCookies;
import org.latchkey.testing.SignIns;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's cookie carries a secret the database never holds, only its SHA-256: a dump taken at each step
 * of a sign-in holds neither the cookie nor its secret, and an id read from a dump, sent as a cookie, opens
 * nothing. On H2 (rows and {@code SCRIPT}) and on PostgreSQL.
 */
class SessionCookieTests {

	@Nested
	@OnH2
	@TestPropertySource(properties = "spring.mail.port=" + Mailbox.H2_PORT)
	class OnH2Database extends Scenarios {

		@Override
		String dump() {
			return DatabaseDump.of(this.jdbc) + DatabaseDump.h2Script(this.jdbc);
		}

	}

	@Nested
	@OnPostgres
	@TestPropertySource(properties = "spring.mail.port=" + Mailbox.POSTGRES_PORT)
	class OnPostgresDatabase extends Scenarios {

		@Override
		String dump() {
			return DatabaseDump.of(this.jdbc);
		}

	}

	abstract static class Scenarios extends MailScenarios {

		abstract String dump();

		@Test
		void noDumpTakenDuringASignInHoldsASessionCookieOrItsSecret() {
			this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
			Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
			Browser browser = new Browser(this.port);
			List<String> cookies = new ArrayList<>();
			List<String> dumps = new ArrayList<>();

			browser.get("/login");
			cookies.add(SessionCookies.of(browser));
			dumps.add(dump());
			assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
			cookies.add(SessionCookies.of(browser));
			dumps.add(dump());
			assertThat(SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice))).location())
				.isEqualTo("/");
			String signedIn = SessionCookies.of(browser);
			cookies.add(signedIn);
			dumps.add(dump());

			assertThat(browser.get("/account").status()).isEqualTo(200);
			assertThat(storedIdOf(alice)).as("the session is stored under the hash of its secret")
				.isEqualTo(SessionCookies.sha256(SessionCookies.secretIn(signedIn)));
			assertThat(dumps.get(2)).as("the dump reads the sessions").contains(storedIdOf(alice));
			for (String dump : dumps) {
				for (String cookie : cookies) {
					assertThat(dump).doesNotContain(cookie).doesNotContain(SessionCookies.secretIn(cookie));
				}
			}
		}

		@Test
		void idReadFromTheDatabaseOpensNoSessionWhenSentAsACookie() {
			this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
			Account alice = People.alice(this.accounts);
			Browser browser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
			String storedId = storedIdOf(alice);

			for (String stolen : List.of(storedId, SessionCookies.carrying(storedId))) {
				Browser thief = new Browser(this.port).setCookie(SessionCookies.NAME, stolen);
				assertThat(thief.get("/account").location()).startsWith("/login");
				assertThat(thief.get("/").location()).startsWith("/login");
			}
			assertThat(browser.get("/account").status()).isEqualTo(200);
			assertThat(storedIdOf(alice)).isEqualTo(storedId);
		}

		private String storedIdOf(Account account) {
			return this.jdbc.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
				.param("login", account.login())
				.query(String.class)
				.single();
		}

	}

}
