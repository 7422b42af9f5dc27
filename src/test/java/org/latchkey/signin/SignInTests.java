package org.latchkey.signin;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 1 of the sign-in, through HTTP against the running application. */
@LatchkeyTest
@StorageInvariants
class SignInTests extends ApplicationScenarios {

	@Test
	void rightPasswordSignsInAndRenewsTheSessionId() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.get("/login");
		String before = browser.cookie("LATCHKEY_SESSION").orElseThrow();

		Page answer = browser.signIn(alice.login(), People.PASSWORD);

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.location()).isEqualTo("/");
		assertThat(browser.cookie("LATCHKEY_SESSION")).isPresent().get().isNotEqualTo(before);
		assertThat(browser.get("/").text()).contains("Signed in as " + alice.login());
	}

	@Test
	void loginIsCaseInsensitive() {
		Account alice = People.alice(this.accounts);

		Page answer = new Browser(this.port).signIn(alice.login().toUpperCase(), People.PASSWORD);

		assertThat(answer.location()).isEqualTo("/");
	}

	@Test
	void wrongPasswordAndUnknownLoginGetTheSameAnswer() {
		Account alice = People.alice(this.accounts);

		Page wrongPassword = new Browser(this.port).signIn(alice.login(), People.PASSWORD + "!");
		Page unknownLogin = new Browser(this.port).signIn("nobody-" + alice.login(), People.PASSWORD);

		assertThat(wrongPassword.status()).isEqualTo(302).isEqualTo(unknownLogin.status());
		assertThat(wrongPassword.location()).isEqualTo("/login?error").isEqualTo(unknownLogin.location());
		assertThat(withoutCsrfToken(wrongPassword.follow())).isEqualTo(withoutCsrfToken(unknownLogin.follow()));
	}

	@Test
	void invitedAccountWithoutPasswordAnswersLikeAnUnknownLogin() {
		Account ivan = People.ivan(this.accounts);

		Page answer = new Browser(this.port).signIn(ivan.login(), "");

		assertThat(answer.location()).isEqualTo("/login?error");
	}

	@Test
	void disabledUserIsToldToContactAnAdministratorOnlyAfterTheRightPassword() {
		Account alice = People.alice(this.accounts);
		this.accounts.disable(alice.id());

		Page wrong = new Browser(this.port).signIn(alice.login(), "not the password at all");
		Page right = new Browser(this.port).signIn(alice.login(), People.PASSWORD);

		assertThat(wrong.location()).isEqualTo("/login?error");
		assertThat(right.location()).isEqualTo("/login?disabled");
		assertThat(right.follow().text()).contains("Contact an administrator");
	}

	@Test
	void disablingAUserEndsTheirOpenSessions() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		this.accounts.disable(alice.id());

		Page next = browser.get("/");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).startsWith("/login");
	}

	@Test
	void signInWithoutCsrfTokenIsRefusedAndSignsNobodyIn() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.get("/login");

		Page answer = browser.post("/login", Map.of("username", alice.login(), "password", People.PASSWORD));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.text()).contains("This form has expired");
		assertThat(browser.get("/").status()).isEqualTo(302);
	}

	@Test
	void signOutEndsTheSessionOnTheServer() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page home = browser.get("/");

		Page answer = home.form("form[action$=/logout]").submit();

		assertThat(answer.location()).isEqualTo("/login?logout");
		assertThat(browser.get("/").location()).startsWith("/login");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void everyAttemptIsAudited() {
		Account alice = People.alice(this.accounts);
		new Browser(this.port).signIn(alice.login(), "wrong password for alice");
		new Browser(this.port).signIn(alice.login(), People.PASSWORD);

		assertThat(this.jdbc.sql("SELECT outcome FROM audit_event WHERE event = 'SIGN_IN' AND subject = :login"
				+ " ORDER BY id")
			.param("login", alice.login())
			.query(String.class)
			.list()).containsExactly("FAILURE", "SUCCESS");
	}

	private static String withoutCsrfToken(Page page) {
		return page.body().replace(page.csrf(), "TOKEN");
	}

}
