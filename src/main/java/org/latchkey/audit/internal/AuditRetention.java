package org.latchkey.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than {@code latchkey.audit.retention} (environment {@code LATCHKEY_AUDIT_RETENTION},
 * one year unless set), once an hour. It is the one deletion the append-only log knows: what a SIEM took from the
 * {@code latchkey.audit} logger is kept as long as the SIEM keeps it. Several nodes may prune at once: each
 * DELETE removes what is old by its own clock, and deleting a row twice deletes nothing.
 */
@Component
public class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	AuditRetention(JdbcClient jdbc, Clock clock, @Value("${latchkey.audit.retention:365d}") Duration retention) {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("latchkey.audit.retention must be positive, was " + retention);
		}
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	/** Deletes the events that occurred before the retention period; returns how many. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	public int prune() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = this.jdbc.sql("DELETE FROM audit_event WHERE occurred_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
		if (deleted > 0) {
			log.info("Deleted {} audit events older than {} (latchkey.audit.retention={})", deleted, cutoff,
					this.retention);
		}
		return deleted;
	}

}
