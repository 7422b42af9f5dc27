package org.latchkey.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.AtOnce;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Form;
import org.latchkey.testing.FirstLoginLinks;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of requests that end or renew an HTTP session (first logins, sign-ins, step-ups) on a pool of five
 * database connections: every one completes, since no session is stored or deleted (which takes a connection
 * of its own) while the request's transaction holds one.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=5", Mailbox.SMTP,
		Mailbox.FAST_DISPATCH, FirstLoginLinks.PUBLIC_ADDRESS })
class ConnectionPoolTests extends MailScenarios {

	private static final int EACH = 17;

	@BeforeEach
	void passwordsAlone() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void fiftyFirstLoginsSignInsAndStepUpsAtOnceAllCompleteOnFiveConnections() throws Exception {
		List<Callable<Integer>> posts = new ArrayList<>();
		for (int i = 0; i < EACH; i++) {
			posts.add(firstLogin(People.ivan(this.accounts)));
			posts.add(signIn(People.alice(this.accounts)));
			if (i < 50 - 2 * EACH) {
				posts.add(stepUp(SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts))));
			}
		}

		List<Integer> statuses = AtOnce.all(posts);

		assertThat(statuses).hasSize(50).containsOnly(302);
	}

	private Callable<Integer> firstLogin(Account invited) {
		new Browser(this.port).get("/first-login")
			.form("form[action=/first-login]")
			.set("identifier", invited.login())
			.submit();
		String link = FirstLoginLinks.pathIn(this.mailbox.next(invited.businessEmail()));
		Form form = new Browser(this.port).get(link)
			.follow()
			.form("form[action=/first-login/start]")
			.set("password", "violet lantern under quiet rain")
			.set("email", "chosen-" + invited.login() + "@example.org");
		return () -> form.submit().status();
	}

	private Callable<Integer> signIn(Account account) {
		Form form = new Browser(this.port).get("/login")
			.form("form[action=/login]")
			.set("username", account.login())
			.set("password", People.PASSWORD);
		return () -> form.submit().status();
	}

	/** A password change waiting for the code that confirms it, the step-up of My account. */
	private Callable<Integer> stepUp(Account account) {
		Browser browser = SignIns.signedIn(this.port, account, People.PASSWORD, this.mailbox);
		String csrf = browser.get("/account/password").csrf();
		browser.post("/account/password",
				Map.of("_csrf", csrf, "currentPassword", People.PASSWORD, "password", "amber hollow beneath slow tide"));
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(account));
		return () -> browser.post("/account/password/confirm", Map.of("_csrf", csrf, "code", code)).status();
	}

}
