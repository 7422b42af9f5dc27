package org.latchkey.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StatementCounter;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sign-in costs the database, in statements and the transaction boundaries sent with them, for a user with
 * an authenticator app: the password, showing the code page, and a right code that completes the sign-in. Each is a
 * message the server writes to the database's socket. The benchmark's second-factor check is this request at
 * thousands per second, so a message more is a regression to notice here rather than in a load test.
 */
@LatchkeyTest
class SecondFactorStatementsTests extends ApplicationScenarios {

	/**
	 * Statements and boundaries of {@code POST /login}, a right password for a user with an app, from the client
	 * throttle's look to the half-signed-in session's save; the sign-in page's session, never signed in, has no
	 * record to end.
	 */
	private static final int PASSWORD = 11;

	/**
	 * Statements and boundaries of {@code GET /login/verify}: the session's load, and no save, since the password
	 * step stored its CSRF token and its last access is recent.
	 */
	private static final int CODE_PAGE = 3;

	/**
	 * Statements and boundaries of a right app code, from the client throttle's look to the renewed session's save
	 * (inserted as two statements, outside a transaction).
	 */
	private static final int RIGHT_CODE = 11;

	private Account alice;

	private String secret;

	@BeforeEach
	void aliceHasAnAuthenticatorApp() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/");
		this.secret = Totp.enrol(browser, this.clock);
	}

	@Test
	void thePasswordBeforeTheSecondStepCostsAFewStatements() {
		Browser browser = new Browser(this.port);
		this.clock.advance(Duration.ofSeconds(30));
		Browser.Form form = browser.get("/login").form("form[action$=/login]").set("username", this.alice.login())
			.set("password", People.PASSWORD);

		Page[] posted = new Page[1];
		List<String> posting = StatementCounter.during(() -> posted[0] = form.submit());

		assertThat(posted[0].location()).isEqualTo("/login/verify");
		System.out.println("First step: the password took " + posting.size() + " statements and boundaries");
		assertThat(posting).as("statements of the password: %s", posting).hasSizeLessThanOrEqualTo(PASSWORD);
	}

	@Test
	void codePageAndRightCodeCostAFewStatements() {
		Browser browser = new Browser(this.port);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(browser.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");

		Page[] page = new Page[1];
		List<String> showing = StatementCounter.during(() -> page[0] = browser.get("/login/verify"));
		String code = Totp.code(this.secret, this.clock);
		Page[] checked = new Page[1];
		List<String> checking = StatementCounter.during(
				() -> checked[0] = page[0].form("form[action$=/login/verify/app]").set("code", code).submit());

		assertThat(page[0].status()).isEqualTo(200);
		assertThat(checked[0].location()).isEqualTo("/");
		System.out.println("Second step: the code page took " + showing.size() + " statements and boundaries, a right"
				+ " code " + checking.size());
		assertThat(showing).as("statements of the code page: %s", showing).hasSizeLessThanOrEqualTo(CODE_PAGE);
		assertThat(checking).as("statements of a right code: %s", checking).hasSizeLessThanOrEqualTo(RIGHT_CODE);
	}

	@Test
	void aSignedInPageViewWritesNothing() {
		Browser browser = new Browser(this.port);
		this.clock.advance(Duration.ofSeconds(30));
		Page code = browser.signIn(this.alice.login(), People.PASSWORD).follow();
		assertThat(code.form("form[action$=/login/verify/app]").set("code", Totp.code(this.secret, this.clock)).submit()
			.location()).isEqualTo("/");

		List<String> viewing = StatementCounter.during(() -> assertThat(browser.get("/").status()).isEqualTo(200));

		assertThat(viewing).as("statements of a signed-in page view: %s", viewing)
			.noneMatch(StatementCounter::writes);
	}

}
