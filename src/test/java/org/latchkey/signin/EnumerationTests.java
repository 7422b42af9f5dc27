package org.latchkey.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.CountingPasswordEncoder;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in, first login and password reset answer an unknown login exactly as they answer a known one: the
 * same status, headers and page (bar the cookie and CSRF values that differ on every visit), and, for the
 * sign-in, the same work: one Argon2 hash checked, read from the application's own password encoder.
 */
@LatchkeyTest
@Import(CountingPasswordEncoder.Configuration.class)
class EnumerationTests extends ApplicationScenarios {

	@Autowired
	PasswordEncoder encoder;

	@Test
	void signInAnswersAnUnknownLoginLikeAWrongPasswordAfterTheSameHash() {
		Account alice = People.alice(this.accounts);
		Account ivan = People.ivan(this.accounts);
		Account disabled = People.alice(this.accounts);
		this.accounts.disable(disabled.id());

		Attempt wrongPassword = signIn(alice.login(), "not the password of alice at all");
		Attempt unknown = signIn(People.unique("nobody"), "not the password of alice at all");
		Attempt noPasswordYet = signIn(ivan.login(), "not the password of ivan at all");
		Attempt disabledWrongPassword = signIn(disabled.login(), "not the password of alice at all");

		for (Attempt attempt : List.of(unknown, noPasswordYet, disabledWrongPassword)) {
			assertThat(attempt.answer()).isEqualTo(wrongPassword.answer());
			assertThat(attempt.page()).isEqualTo(wrongPassword.page());
			assertThat(attempt.hashesChecked()).isEqualTo(wrongPassword.hashesChecked());
		}
		assertThat(wrongPassword.answer().status()).isEqualTo(302);
		assertThat(wrongPassword.hashesChecked()).containsExactly("{argon2}");
		assertThat(signIn(alice.login(), People.PASSWORD).hashesChecked()).containsExactly("{argon2}");
	}

	@Test
	void firstLoginAnswersAnUnknownLoginLikeAnInvitedOne() {
		Account ivan = People.ivan(this.accounts);
		Account alice = People.alice(this.accounts);

		Answer invited = post("/first-login", "form[action=/first-login]", "identifier", ivan.login());
		Answer unknown = post("/first-login", "form[action=/first-login]", "identifier", People.unique("nobody"));
		Answer unknownEmail = post("/first-login", "form[action=/first-login]", "identifier",
				People.unique("nobody") + "@example.com");
		Answer alreadyActive = post("/first-login", "form[action=/first-login]", "identifier", alice.login());

		assertThat(invited.status()).isEqualTo(302);
		assertThat(List.of(unknown, unknownEmail, alreadyActive)).allSatisfy(answer -> assertThat(answer).isEqualTo(invited));
	}

	@Test
	void passwordResetAnswersAnUnknownLoginLikeAKnownOne() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Account ivan = People.ivan(this.accounts);

		Answer known = post("/password-reset", "form[action$=/password-reset]", "login", alice.login());
		Answer unknown = post("/password-reset", "form[action$=/password-reset]", "login", People.unique("nobody"));
		Answer knownEmail = post("/password-reset", "form[action$=/password-reset]", "login", alice.businessEmail());
		Answer unknownEmail = post("/password-reset", "form[action$=/password-reset]", "login",
				People.unique("nobody") + "@example.com");
		Answer invited = post("/password-reset", "form[action$=/password-reset]", "login", ivan.login());

		assertThat(known.status()).isEqualTo(302);
		assertThat(List.of(unknown, knownEmail, unknownEmail, invited))
			.allSatisfy(answer -> assertThat(answer).isEqualTo(known));
	}

	/** What a sign-in showed and what it cost. */
	record Attempt(Answer answer, String page, List<String> hashesChecked) {
	}

	/** Status, headers (but the ones that differ on every visit) and the page the browser is sent to. */
	record Answer(int status, Map<String, List<String>> headers, String page) {
	}

	private Attempt signIn(String login, String password) {
		List<String> before = counter().checkedHashes();
		Browser browser = new Browser(this.port);
		Page answer = browser.signIn(login, password);
		List<String> hashes = counter().checkedHashes().subList(before.size(), counter().checkedHashes().size());
		return new Attempt(answerOf(answer), comparable(answer.follow()), hashes);
	}

	private Answer post(String page, String form, String field, String value) {
		Page answer = new Browser(this.port).get(page).form(form).set(field, value).submit();
		return answerOf(answer);
	}

	private static Answer answerOf(Page answer) {
		Map<String, List<String>> headers = new TreeMap<>();
		answer.response().headers().map().forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.equals("set-cookie") && !lower.equals("date")) {
				headers.put(lower, values);
			}
		});
		String page = (answer.status() == 302) ? comparable(answer.follow()) : comparable(answer);
		return new Answer(answer.status(), headers, page);
	}

	/** The page with the values that differ on every visit (CSRF tokens) blanked. */
	private static String comparable(Page page) {
		return page.status() + "\n" + page.body().replaceAll("(name=\"_csrf\"\\s+value=\")[^\"]*\"", "$1\"")
			.replaceAll("(value=\")[^\"]*(\"\\s+name=\"_csrf\")", "$1$2");
	}

	private CountingPasswordEncoder counter() {
		return (CountingPasswordEncoder) this.encoder;
	}

}
