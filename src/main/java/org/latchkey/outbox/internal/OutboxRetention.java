package org.latchkey.outbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the messages sent or given up on that were queued longer ago than {@code latchkey.outbox.retention}
 * (environment {@code LATCHKEY_OUTBOX_RETENTION}, 30 days unless set), once an hour, so that the outbox, and the
 * recipients it names, do not grow with every code ever sent. A message still waiting is never deleted. The audit
 * log keeps what happened to each message. Each part of a thousand is its own statement and transaction, so a
 * first prune of a large outbox holds no long lock; several nodes may prune at once.
 */
@Component
public class OutboxRetention {

	/** A day: the messages' codes and links are long dead by then, and a page asking after one is long gone. */
	static final Duration SHORTEST = Duration.ofDays(1);

	private static final int PART = 1000;

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private final OutboxMessages messages;

	private final Clock clock;

	private final Duration retention;

	OutboxRetention(OutboxMessages messages, Clock clock,
			@Value("${latchkey.outbox.retention:30d}") Duration retention) {
		if (retention.compareTo(SHORTEST) < 0) {
			throw new IllegalArgumentException("latchkey.outbox.retention must be at least a day, was " + retention);
		}
		this.messages = messages;
		this.clock = clock;
		this.retention = retention;
	}

	/** Deletes the finished messages queued before the retention period; returns how many. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	public int prune() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = 0;
		List<Long> part;
		do {
			part = this.messages.finishedBefore(cutoff, PART);
			if (!part.isEmpty()) {
				deleted += this.messages.deleteFinished(part, cutoff);
			}
		}
		while (part.size() == PART);
		if (deleted > 0) {
			log.info("Deleted {} outbox messages queued before {} (latchkey.outbox.retention={})", deleted, cutoff,
					this.retention);
		}
		return deleted;
	}

}
