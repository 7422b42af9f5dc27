package org.latchkey.operations.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.latchkey.lockout.SignInThrottle;
import org.latchkey.outbox.Outbox;
import org.latchkey.outbox.OutboxStatus;
import org.latchkey.session.SignedInSessions;
import org.latchkey.sms.SmsAdministration;

import org.springframework.stereotype.Component;

/**
 * The gauges read from the database at each scrape, so that every node of a cluster reports the same figures:
 * the outbox (pending, failed, age of the oldest pending message), the SMS sent in the last hour against the
 * hourly cap, the sessions signed in, and the accounts locked now. Each module that owns the figure answers it
 * through its API; a scrape every 15 seconds costs a handful of small queries.
 */
@Component
class StoredStateMetrics implements MeterBinder {

	private final Outbox outbox;

	private final SmsAdministration sms;

	private final SignedInSessions sessions;

	private final SignInThrottle throttle;

	private final Clock clock;

	StoredStateMetrics(Outbox outbox, SmsAdministration sms, SignedInSessions sessions, SignInThrottle throttle,
			Clock clock) {
		this.outbox = outbox;
		this.sms = sms;
		this.sessions = sessions;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "latchkey.outbox.messages", "Messages in the outbox by status", "status", "pending",
				self -> self.outbox.count(OutboxStatus.PENDING));
		gauge(registry, "latchkey.outbox.messages", "Messages in the outbox by status", "status", "failed",
				self -> self.outbox.count(OutboxStatus.FAILED));
		Gauge.builder("latchkey.outbox.oldest.pending.age", this, StoredStateMetrics::oldestPendingSeconds)
			.description("Age of the oldest message still waiting to be sent, 0 when none waits")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("latchkey.sms.sent.last.hour", this, self -> self.sms.hourlyUsage().sentLastHour())
			.description("SMS queued during the last hour, counted against the hourly cap")
			.register(registry);
		Gauge.builder("latchkey.sms.hourly.cap", this, self -> self.sms.hourlyUsage().hourlyCap())
			.description("The hourly cap on SMS set in the console")
			.register(registry);
		Gauge.builder("latchkey.sessions.active", this, self -> self.sessions.countOpen())
			.description("Sessions signed in (both steps done) and not ended")
			.register(registry);
		Gauge.builder("latchkey.accounts.locked", this, self -> self.throttle.lockedAccountsNow())
			.description("Accounts with a lock standing now, for every browser or for one")
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, String tag, String value,
			ToDoubleFunction<StoredStateMetrics> reading) {
		Gauge.builder(name, this, reading).description(description).tag(tag, value).register(registry);
	}

	private double oldestPendingSeconds() {
		return this.outbox.oldestPendingSince()
			.map(oldest -> (double) Duration.between(oldest, this.clock.instant()).toSeconds())
			.orElse(0.0);
	}

}
