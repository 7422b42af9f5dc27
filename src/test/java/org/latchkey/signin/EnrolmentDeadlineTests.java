package org.latchkey.signin;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.RecoveryScenarios;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grace period to set up a second factor when 2FA becomes required, with the clock moved instead of
 * waiting: before the deadline a user without a method signs in with the password alone and sees the days
 * left; the reminders go out 7 days and 1 day before, once each; after the deadline the next sign-in asks for
 * the set-up. A user who has a method is asked for it all along, and no grace period is the default.
 */
@LatchkeyTest
class EnrolmentDeadlineTests extends RecoveryScenarios {

	@Autowired
	EnrolmentDeadline deadline;

	@BeforeEach
	void twoFactorBecomesRequiredWithFourteenDaysOfGrace() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.options.change(false, 0, 14);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
	}

	@AfterEach
	void twoFactorIsOffAgain() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void beforeTheDeadlineAUserWithoutAMethodSignsInWithThePasswordAndSeesTheDaysLeft() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(browser.get("/").document().selectFirst("#enrolment-banner").text())
			.contains("within 14 days").contains("Set it up now");
		assertThat(browser.get("/account").document().select("#enrolment-banner a[href$=/account/two-factor]"))
			.hasSize(1);

		Account bob = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		assertThat(new Browser(this.port).signIn(bob.login(), People.PASSWORD).location())
			.as("a user with a method").isEqualTo("/login/verify");
	}

	@Test
	void afterTheDeadlineTheNextSignInAsksForTheSetUp() {
		Account alice = People.alice(this.accounts);
		this.clock.advance(Duration.ofDays(14).minusMinutes(1));
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		this.clock.advance(Duration.ofMinutes(2));

		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		assertThat(browser.get("/login/verify").document().select("form[action$=/login/verify/email]")).hasSize(1);
	}

	@Test
	void remindersGoOutSevenDaysAndOneDayBeforeOnceEach() {
		Account alice = People.alice(this.accounts);
		Account bob = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		everyOtherAccountWasReminded(alice, bob);

		this.deadline.sendDueReminders();
		this.clock.advance(Duration.ofDays(7).minusMinutes(1));
		this.deadline.sendDueReminders();
		assertThat(this.mailbox.count(alice.businessEmail())).as("8 days before").isZero();

		this.clock.advance(Duration.ofMinutes(1));
		this.deadline.sendDueReminders();
		this.deadline.sendDueReminders();
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("You have 7 days left");

		this.clock.advance(Duration.ofDays(5));
		this.deadline.sendDueReminders();
		assertThat(this.mailbox.count(alice.businessEmail())).as("2 days before").isEqualTo(1);

		this.clock.advance(Duration.ofDays(1));
		this.deadline.sendDueReminders();
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("You have 1 day left");

		this.clock.advance(Duration.ofDays(2));
		this.deadline.sendDueReminders();
		assertThat(this.mailbox.count(alice.businessEmail())).as("after the deadline").isEqualTo(2);
		assertThat(this.mailbox.count(bob.businessEmail())).as("a user with a method").isZero();
	}

	/**
	 * The accounts other test classes left in this database, most without a method, had both reminders of this
	 * deadline already: the outbox holds only what this test is about, not hundreds of other reminders.
	 */
	private void everyOtherAccountWasReminded(Account... these) {
		for (int days : new int[] { 7, 1 }) {
			this.jdbc.sql("""
					INSERT INTO enrolment_reminder (account_id, deadline, days_before, sent_at)
					SELECT id, :deadline, :days, :now FROM account WHERE id NOT IN (:these)
					""")
				.param("deadline", Timestamp.from(this.options.current().enrolmentDeadline()))
				.param("days", days)
				.param("now", Timestamp.from(this.clock.instant()))
				.param("these", Arrays.stream(these).map(Account::id).toList())
				.update();
		}
	}

	@Test
	void noGracePeriodIsTheDefault() {
		this.options.change(false, 0, 0);
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = People.alice(this.accounts);

		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		assertThat(this.options.current().enrolmentDeadline()).isNull();
	}

}
