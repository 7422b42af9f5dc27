package org.latchkey.signin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EnrolmentCounts;
import org.latchkey.factor.Enrolments;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SignInOptions;
import org.latchkey.system.PublicUrl;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grace period an administrator may give when 2FA becomes required: until its deadline, a user who has no
 * second factor yet signs in with the password alone and is shown how many days are left; reminders go out 7
 * days and 1 day before; after it, the next sign-in asks for the set-up first. Each reminder is claimed by one
 * insert under a primary key (account, deadline, days before), in the transaction that queues its email, so
 * two nodes never send the same reminder twice.
 */
@Service
public class EnrolmentDeadline {

	/** The reminders, in days before the deadline. */
	static final List<Integer> REMINDERS = List.of(7, 1);

	private final SignInOptions options;

	private final OrganisationPolicy policy;

	private final Enrolments enrolments;

	private final EnrolmentCounts enrolmentCounts;

	private final AccountManagement accounts;

	private final MailQueue mail;

	private final PublicUrl publicUrl;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	EnrolmentDeadline(SignInOptions options, OrganisationPolicy policy, Enrolments enrolments,
			EnrolmentCounts enrolmentCounts, AccountManagement accounts, MailQueue mail, PublicUrl publicUrl,
			JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.options = options;
		this.policy = policy;
		this.enrolments = enrolments;
		this.enrolmentCounts = enrolmentCounts;
		this.accounts = accounts;
		this.mail = mail;
		this.publicUrl = publicUrl;
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** Whether the account, which has no second factor, may still sign in with its password alone now. */
	public boolean graceFor(long accountId) {
		return this.policy.current().twoFactorRequired() && this.options.current().inGracePeriod(this.clock.instant())
				&& this.enrolments.of(accountId).isEmpty();
	}

	/**
	 * The whole days left to set up a second factor, for the banner; empty when the user has one, or no grace
	 * period runs.
	 */
	public OptionalLong daysLeft(long accountId) {
		if (!graceFor(accountId)) {
			return OptionalLong.empty();
		}
		Instant deadline = this.options.current().enrolmentDeadline();
		return OptionalLong.of(Duration.between(this.clock.instant(), deadline).toDays());
	}

	/**
	 * Sends the reminders due now to the active users without a second factor: the 7-day one from 7 days
	 * before the deadline, the 1-day one from 1 day before, each once per deadline, on whichever node comes
	 * first.
	 * @return how many reminders this call sent
	 */
	@Scheduled(fixedDelayString = "${latchkey.enrolment.reminder-interval:PT15M}",
			initialDelayString = "${latchkey.enrolment.reminder-interval:PT15M}")
	public int sendDueReminders() {
		Instant now = this.clock.instant();
		Instant deadline = this.options.current().enrolmentDeadline();
		if (deadline == null || !now.isBefore(deadline) || !this.policy.current().twoFactorRequired()) {
			return 0;
		}
		// the nearest reminder whose day has come: 1 day before wins over 7, and 7 is not sent after 1
		Integer due = REMINDERS.stream()
			.filter(days -> !now.isBefore(deadline.minus(Duration.ofDays(days))))
			.reduce((a, b) -> b)
			.orElse(null);
		if (due == null) {
			return 0;
		}
		int sent = 0;
		Set<Long> enrolled = this.enrolmentCounts.enrolledIds();
		for (long accountId : this.accounts.activeIds()) {
			if (!enrolled.contains(accountId) && claimAndSend(accountId, deadline, due, now)) {
				sent++;
			}
		}
		return sent;
	}

	private boolean claimAndSend(long accountId, Instant deadline, int daysBefore, Instant now) {
		try {
			return Boolean.TRUE.equals(this.transactions.execute(status -> {
				this.jdbc.sql("""
						INSERT INTO enrolment_reminder (account_id, deadline, days_before, sent_at)
						VALUES (:account, :deadline, :days, :now)
						""")
					.param("account", accountId)
					.param("deadline", Timestamp.from(deadline))
					.param("days", daysBefore)
					.param("now", Timestamp.from(now))
					.update();
				Account account = this.accounts.findById(accountId).orElseThrow();
				this.mail.enqueue(new Email(account.businessEmail(), "enrolment-reminder", Locale.ENGLISH,
						Map.of("name", account.displayName(), "days", daysBefore, "url",
								this.publicUrl.to("/account/two-factor").toUriString())));
				return true;
			}));
		}
		catch (DuplicateKeyException ex) {
			// another node sent this reminder first
			return false;
		}
	}

}
