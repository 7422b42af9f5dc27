package org.latchkey.system;

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
 * How long Latchkey keeps the records of what it sent: the outbox's messages once sent or given up on, the
 * one-time codes' records (a keyed hash of the code, where it went, what became of it), and the files the file
 * notifier wrote, which hold whole messages, codes and links among them. They are deleted
 * {@code latchkey.message-retention} (environment {@code LATCHKEY_MESSAGE_RETENTION}, 30 days unless set) after
 * they were made, once an hour, so that neither the tables nor the addresses they name grow with every code sent.
 * At least 7 days: the console's dashboard counts the codes sent in the last week. Each module names its records
 * through {@link Records}, or its files through {@link Folder}; each part of a thousand records is deleted in a
 * statement of its own, so that a first prune of a large table holds no long lock, and several nodes may prune at
 * once.
 */
@Component
public class MessageRetention {

	private static final Duration SHORTEST = Duration.ofDays(7);

	private static final int PART = 1000;

	private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

	private final List<Records> tables;

	private final List<Folder> folders;

	private final Clock clock;

	private final Duration period;

	MessageRetention(List<Records> tables, List<Folder> folders, Clock clock,
			@Value("${latchkey.message-retention:30d}") Duration period) {
		if (period.compareTo(SHORTEST) < 0) {
			throw new IllegalArgumentException("LATCHKEY_MESSAGE_RETENTION (latchkey.message-retention) must be at least"
					+ " 7 days, was " + period.toHours() + " hours");
		}
		this.tables = tables;
		this.folders = folders;
		this.clock = clock;
		this.period = period;
	}

	/**
	 * Deletes the records and files made before the retention period, in every table and folder that keeps some;
	 * returns how many.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	public int prune() {
		Instant cutoff = this.clock.instant().minus(this.period);
		int deleted = 0;
		for (Records table : this.tables) {
			deleted += logged(table.name(), prune(table, cutoff), cutoff);
		}
		for (Folder folder : this.folders) {
			deleted += logged(folder.name(), folder.deleteBefore(cutoff), cutoff);
		}
		return deleted;
	}

	private int prune(Records table, Instant cutoff) {
		int deleted = 0;
		List<Long> part;
		do {
			part = table.idsBefore(cutoff, PART);
			if (!part.isEmpty()) {
				deleted += table.delete(part, cutoff);
			}
		}
		while (part.size() == PART);
		return deleted;
	}

	private int logged(String name, int deleted, Instant cutoff) {
		if (deleted > 0) {
			log.info("Deleted {} {} made before {} (latchkey.message-retention={})", deleted, name, cutoff, this.period);
		}
		return deleted;
	}

	/** A table of records of what was sent, which the retention prunes. */
	public interface Records {

		/** What the records are, in the log: "outbox messages". */
		String name();

		/** Up to {@code limit} ids of records that were made before {@code cutoff} and may go. */
		List<Long> idsBefore(Instant cutoff, int limit);

		/**
		 * Deletes those of {@code ids} that may still go, the condition checked again in the statement, so that a
		 * record that changed since it was read stays; returns how many were deleted.
		 */
		int delete(List<Long> ids, Instant cutoff);

	}

	/** A folder of files, one per message sent, which the retention prunes in one pass. */
	public interface Folder {

		/** What the files are, in the log: "email files". */
		String name();

		/** Deletes the files last written before {@code cutoff}; returns how many were deleted. */
		int deleteBefore(Instant cutoff);

	}

}
