package org.latchkey.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's choices about recovering and keeping a sign-in: whether users get recovery codes, for
 * how many days a browser may be remembered (0: never), and the grace period users without a second factor
 * get when 2FA becomes required (0: none), with the deadline it set. The defaults keep the seeds' behaviour:
 * no recovery codes, no remembered device, no grace period.
 */
@Service
public class SignInOptions {

	/** The longest a device may be remembered, and the longest grace period: a quarter of a year. */
	public static final int MAX_DAYS = 90;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final StoredPolicy stored;

	SignInOptions(JdbcClient jdbc, AuditLog audit, Clock clock, StoredPolicy stored) {
		this.stored = stored;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The options as they stand.
	 *
	 * @param recoveryCodes whether users get recovery codes with their first second factor
	 * @param rememberDeviceDays how long "Don't ask for a code on this device" lasts; 0 switches it off
	 * @param enrolmentGraceDays the grace period given when 2FA becomes required; 0 for none
	 * @param enrolmentDeadline when the grace period given ends, while 2FA is required with one; else null
	 */
	public record Options(boolean recoveryCodes, int rememberDeviceDays, int enrolmentGraceDays,
			Instant enrolmentDeadline) {

		/** Whether a user without a method may still sign in with the password alone at {@code now}. */
		public boolean inGracePeriod(Instant now) {
			return this.enrolmentDeadline != null && now.isBefore(this.enrolmentDeadline);
		}

	}

	/** The options as they stand, kept in memory until an administrator changes them on any node. */
	public Options current() {
		return this.stored.current().options();
	}

	/**
	 * Sets the three options. A grace period changed while 2FA is already required applies from the next time
	 * 2FA becomes required; the deadline already set stays.
	 * @throws IllegalArgumentException when a number of days is below 0 or above {@value #MAX_DAYS}
	 */
	@Transactional
	public void change(boolean recoveryCodes, int rememberDeviceDays, int enrolmentGraceDays) {
		if (rememberDeviceDays < 0 || rememberDeviceDays > MAX_DAYS || enrolmentGraceDays < 0
				|| enrolmentGraceDays > MAX_DAYS) {
			throw new IllegalArgumentException("Days must be between 0 and " + MAX_DAYS);
		}
		Options before = this.jdbc.sql("""
				SELECT recovery_codes_enabled, remember_device_days, enrolment_grace_days, enrolment_deadline
				FROM organisation_policy WHERE id = 1 FOR UPDATE
				""")
			.query((rs, row) -> new Options(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), null))
			.single();
		this.jdbc.sql("""
				UPDATE organisation_policy SET recovery_codes_enabled = :codes, remember_device_days = :remember,
					enrolment_grace_days = :grace, updated_at = :now
				WHERE id = 1
				""")
			.param("codes", recoveryCodes)
			.param("remember", rememberDeviceDays)
			.param("grace", enrolmentGraceDays)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.stored.changed();
		this.audit.record(PolicyAuditEvent.SIGN_IN_OPTIONS_CHANGED, AuditOutcome.SUCCESS, null, null,
				"recovery codes " + before.recoveryCodes() + " -> " + recoveryCodes + ", remembered devices "
						+ before.rememberDeviceDays() + " -> " + rememberDeviceDays + " days, grace period "
						+ before.enrolmentGraceDays() + " -> " + enrolmentGraceDays + " days");
	}

	/**
	 * When 2FA becomes required, the grace period starts: its deadline is set from now; any other change of
	 * mode ends it. Runs in the transaction that changed the mode.
	 */
	@EventListener
	void on(TwoFactorModeChanged changed) {
		this.stored.changed();
		Instant now = this.clock.instant();
		int grace = current().enrolmentGraceDays();
		Timestamp deadline = (changed.to() == TwoFactorMode.REQUIRED && grace > 0)
				? Timestamp.from(now.plus(Duration.ofDays(grace))) : null;
		if (deadline == null) {
			this.jdbc.sql("UPDATE organisation_policy SET enrolment_deadline = NULL WHERE id = 1").update();
		}
		else {
			this.jdbc.sql("UPDATE organisation_policy SET enrolment_deadline = :deadline WHERE id = 1")
				.param("deadline", deadline)
				.update();
		}
	}

}
