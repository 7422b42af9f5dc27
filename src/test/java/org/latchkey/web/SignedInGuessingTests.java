package org.latchkey.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing from a signed-in session, attacked through HTTP: a wrong step-up code or a wrong current password
 * counts with the sign-in's failures, the fifth in a row locks the account as a sign-in would, the owner is told
 * by email, and during the lock even the right proof is refused.
 */
@LatchkeyTest
class SignedInGuessingTests extends MailScenarios {

	@BeforeEach
	void usersMayUseEmailCodesAndApps() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

	@Test
	void fiveWrongStepUpCodesLockTheAccountAndThenTheRightCodeIsRefused() {
		Account alice = People.alice(this.accounts);
		String secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		Browser browser = Totp.signIn(new Browser(this.port), alice, secret, this.clock);
		Page confirm = browser.get("/account").form("#method-EMAIL_CODE form[action$=/default]").submit().follow();
		this.clock.advance(Duration.ofSeconds(30));
		String right = Totp.code(secret, this.clock);
		String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);

		for (int i = 0; i < 5; i++) {
			Page refused = confirm.form("form[action$=/account/methods/confirm]").set("code", wrong).submit();
			assertThat(refused.status()).isEqualTo(400);
		}
		Page locked = confirm.form("form[action$=/account/methods/confirm]").set("code", right).submit();

		assertThat(locked.status()).isEqualTo(400);
		assertThat(locked.text()).contains("this account is locked");
		assertThat(defaultMethod(alice)).isEmpty();
		assertThat(lockedCounters(alice)).as("the sign-in's lock of this browser").isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("from a signed-in session of your Latchkey account");
	}

	@Test
	void fiveWrongCurrentPasswordsLockTheAccountAndTellItsOwner() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String csrf = browser.get("/account/password").csrf();
		String next = "a brand new passphrase for alice";

		for (int i = 0; i < 5; i++) {
			Page refused = browser.post("/account/password",
					Map.of("_csrf", csrf, "currentPassword", "not the password " + i, "password", next));
			assertThat(refused.status()).isEqualTo(400);
		}
		Page locked = browser.post("/account/password",
				Map.of("_csrf", csrf, "currentPassword", People.PASSWORD, "password", next));

		assertThat(locked.status()).isEqualTo(400);
		assertThat(locked.text()).contains("this account is locked");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("from a signed-in session of your Latchkey account");
	}

	@Test
	void wrongPasswordsWhenEndingSessionsCountTowardsTheSameLock() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String csrf = browser.get("/account/sessions").csrf();

		for (int i = 0; i < 5; i++) {
			assertThat(browser.post("/account/sessions/end-others", Map.of("_csrf", csrf, "password", "not the password " + i))
				.follow()
				.text()).contains("This is not your password");
		}
		Page locked = browser.post("/account/sessions/end-others", Map.of("_csrf", csrf, "password", People.PASSWORD));

		assertThat(locked.follow().text()).contains("this account is locked");
		assertThat(lockedCounters(alice)).isEqualTo(1);
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private long lockedCounters(Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM sign_in_failure_counter WHERE account_id = :id AND locked_until > :now")
			.param("id", account.id())
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
	}

	private Optional<String> defaultMethod(Account account) {
		return this.jdbc.sql("SELECT method FROM default_method WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.optional();
	}

}
