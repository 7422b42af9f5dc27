package org.latchkey.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.admin.DashboardCharts.BarChart;
import org.latchkey.admin.DashboardCharts.HourlyChart;
import org.latchkey.admin.DashboardCharts.Row;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.audit.AuditStatistics;
import org.latchkey.factor.EnrolmentCounts;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.lockout.LockoutEvent;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.outbox.Outbox;
import org.latchkey.outbox.OutboxStatus;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.signin.SignInEvent;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderKind;
import org.latchkey.sms.SmsProviderView;

import org.springframework.stereotype.Component;

/**
 * What the console's landing page shows, read from the modules that own each figure: the second factors of
 * the active users, sign-ins per hour over the last week, codes sent per channel, the SMS hourly cap, the
 * outbox and the accounts locked now. No figure is read from another module's tables.
 */
@Component
class Dashboard {

	/** How far back the sign-ins and codes go. */
	static final Duration WINDOW = Duration.ofDays(7);

	/** The users list that shows the active users without a second factor. */
	static final String WITHOUT_TWO_FACTOR = "/admin/users?twoFactor=none&status=ACTIVE";

	private final AccountManagement accounts;

	private final EnrolmentCounts enrolments;

	private final AuditStatistics statistics;

	private final OneTimeCodes codes;

	private final SmsAdministration sms;

	private final Outbox outbox;

	private final SignInThrottle throttle;

	private final Clock clock;

	Dashboard(AccountManagement accounts, EnrolmentCounts enrolments, AuditStatistics statistics, OneTimeCodes codes,
			SmsAdministration sms, Outbox outbox, SignInThrottle throttle, Clock clock) {
		this.accounts = accounts;
		this.enrolments = enrolments;
		this.statistics = statistics;
		this.codes = codes;
		this.sms = sms;
		this.outbox = outbox;
		this.throttle = throttle;
		this.clock = clock;
	}

	/**
	 * The figures as they stand now.
	 *
	 * @param activeUsers how many users are active
	 * @param withoutTwoFactor how many of them have no second factor yet
	 * @param rollout a bar per method and one for none, out of the active users
	 * @param signIns the sign-ins chart, an hour a column, the last one the hour under way
	 * @param codes a bar per channel, codes sent over the last week
	 * @param sms the SMS settings with the count of the last hour, or null when no provider is set
	 * @param smsCapPercent how much of the hourly cap the last hour used, 0 to 100
	 * @param outboxPending messages waiting to leave
	 * @param outboxFailed messages given up
	 * @param lockedAccounts accounts locked now
	 * @param since the start of the week shown
	 * @param at when the figures were read
	 */
	record Figures(long activeUsers, long withoutTwoFactor, BarChart rollout, HourlyChart signIns, BarChart codes,
			long codesSent, SmsProviderView sms, int smsCapPercent, long outboxPending, long outboxFailed,
			long lockedAccounts, Instant since, Instant at) {
	}

	Figures now() {
		Instant now = this.clock.instant();
		Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
		int hours = (int) WINDOW.toHours();
		Instant from = currentHour.minus(Duration.ofHours(hours - 1));

		List<Long> active = this.accounts.searchIds("", null, AccountStatus.ACTIVE);
		EnrolmentCounts.Rollout rollout = this.enrolments.countAmong(active);
		List<Row> methods = new ArrayList<>();
		for (SecondFactorKind kind : SecondFactorKind.values()) {
			methods.add(new Row("methods." + kind.name(), rollout.perMethod().get(kind), null));
		}
		methods.add(new Row("console.dashboard.rollout.none", rollout.without(), WITHOUT_TWO_FACTOR));

		long[] completed = this.statistics.perHour(Set.of(SignInEvent.SIGN_IN), AuditOutcome.SUCCESS, from, hours);
		long[] failed = this.statistics.perHour(Set.of(SignInEvent.SIGN_IN, LockoutEvent.SECOND_FACTOR),
				AuditOutcome.FAILURE, from, hours);

		Map<String, Long> sent = this.codes.countSentSince(now.minus(WINDOW));
		List<Row> channels = sent.entrySet()
			.stream()
			.map(channel -> new Row("console.dashboard.codes." + channel.getKey(), channel.getValue(), null))
			.toList();

		SmsProviderView sms = this.sms.view();
		boolean smsOn = sms.provider() != SmsProviderKind.NONE;
		int capPercent = (smsOn && sms.hourlyCap() > 0)
				? (int) Math.min(100, Math.round(100.0 * sms.sentLastHour() / sms.hourlyCap())) : 0;

		return new Figures(rollout.total(), rollout.without(), DashboardCharts.bars(methods, rollout.total()),
				DashboardCharts.hourly(from, completed, failed), DashboardCharts.bars(channels, 0),
				sent.values().stream().mapToLong(Long::longValue).sum(), smsOn ? sms : null, capPercent,
				this.outbox.count(OutboxStatus.PENDING), this.outbox.count(OutboxStatus.FAILED),
				this.throttle.lockedAccountsNow(), from, now);
	}

}
