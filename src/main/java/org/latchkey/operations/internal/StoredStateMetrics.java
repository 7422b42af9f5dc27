package org.latchkey.operations.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauges read from the database at each scrape, so that every node of a cluster reports the same figures:
 * the outbox (pending, failed, age of the oldest pending message), the SMS sent in the last hour against the
 * hourly cap, the sessions signed in, and the accounts locked now. Each is one read-only query on an indexed or
 * small table; a scrape every 15 seconds costs a handful of them.
 */
@Component
class StoredStateMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	private final Clock clock;

	StoredStateMetrics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "latchkey.outbox.messages", "Messages in the outbox by status", "status", "pending",
				self -> self.count("SELECT COUNT(*) FROM outbox_message WHERE status = 'PENDING'"));
		gauge(registry, "latchkey.outbox.messages", "Messages in the outbox by status", "status", "failed",
				self -> self.count("SELECT COUNT(*) FROM outbox_message WHERE status = 'FAILED'"));
		Gauge.builder("latchkey.outbox.oldest.pending.age", this, StoredStateMetrics::oldestPendingSeconds)
			.description("Age of the oldest message still waiting to be sent, 0 when none waits")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("latchkey.sms.sent.last.hour", this, StoredStateMetrics::smsLastHour)
			.description("SMS queued during the last hour, counted against the hourly cap")
			.register(registry);
		Gauge.builder("latchkey.sms.hourly.cap", this,
				self -> self.count("SELECT hourly_cap FROM sms_settings WHERE id = 1"))
			.description("The hourly cap on SMS set in the console")
			.register(registry);
		Gauge.builder("latchkey.sessions.active", this,
				self -> self.count("SELECT COUNT(*) FROM signed_in_session"))
			.description("Sessions signed in (both steps done) and not ended")
			.register(registry);
		Gauge.builder("latchkey.accounts.locked", this, StoredStateMetrics::lockedAccounts)
			.description("Accounts with a lock standing now, for every browser or for one")
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, String tag, String value,
			ToDoubleFunction<StoredStateMetrics> reading) {
		Gauge.builder(name, this, reading).description(description).tag(tag, value).register(registry);
	}

	private double count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).optional().orElse(0L);
	}

	private double oldestPendingSeconds() {
		return this.jdbc.sql("SELECT MIN(created_at) FROM outbox_message WHERE status = 'PENDING'")
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.map(oldest -> (double) Duration.between(oldest.toInstant(), this.clock.instant()).toSeconds())
			.orElse(0.0);
	}

	private double smsLastHour() {
		return this.jdbc.sql("SELECT COUNT(*) FROM sms_send WHERE queued_at > :since")
			.param("since", Timestamp.from(this.clock.instant().minus(Duration.ofHours(1))))
			.query(Long.class)
			.single();
	}

	private double lockedAccounts() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				SELECT COUNT(DISTINCT account_id) FROM sign_in_failure_counter
				WHERE locked_for_good OR locked_until > :now
				""")
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

}
