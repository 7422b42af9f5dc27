package org.latchkey.outbox.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The outbox forgets what it sent or gave up on once the retention has passed since the message was queued, and
 * never a message still waiting to be sent, even one put back in line while the prune runs.
 */
@LatchkeyTest
@StorageInvariants
class OutboxRetentionTests extends ApplicationScenarios {

	private static final Duration RETENTION = Duration.ofDays(30);

	/** Far enough ahead that no poll of the dispatcher takes the test's waiting messages. */
	private static final Instant NEVER_DUE = Instant.parse("9999-01-01T00:00:00Z");

	@Autowired
	OutboxMessages messages;

	@Autowired
	OutboxRetention retention;

	private final Set<String> stored = new HashSet<>();

	/** Later classes of the same context count the messages waiting; this one's leave with it. */
	@AfterEach
	void forgetTheStoredMessages() {
		this.stored.forEach(recipient -> this.jdbc.sql("DELETE FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", recipient)
			.update());
	}

	@Test
	void pruneDeletesTheFinishedMessagesQueuedBeforeTheRetentionAndKeepsTheRest() {
		String recipient = recipient();
		Instant old = this.clock.instant().minus(RETENTION).minusSeconds(60);
		Instant recent = this.clock.instant().minus(RETENTION).plusSeconds(60);
		long oldSent = store(recipient, "SENT", old);
		long oldFailed = store(recipient, "FAILED", old);
		long oldWaiting = store(recipient, "PENDING", old);
		long recentSent = store(recipient, "SENT", recent);
		long recentFailed = store(recipient, "FAILED", recent);

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(2);

		assertThat(ids(recipient)).containsExactlyInAnyOrder(oldWaiting, recentSent, recentFailed)
			.doesNotContain(oldSent, oldFailed);
	}

	@Test
	void pruneDeletesMoreFinishedMessagesThanOnePartHolds() {
		String recipient = recipient();
		Instant old = this.clock.instant().minus(RETENTION).minusSeconds(60);
		IntStream.range(0, 2_500).forEach(message -> store(recipient, "SENT", old));

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(2_500);

		assertThat(ids(recipient)).isEmpty();
	}

	@Test
	void aMessagePutBackInLineAfterThePruneReadItStays() {
		String recipient = recipient();
		Instant cutoff = this.clock.instant().minus(RETENTION);
		long failed = store(recipient, "FAILED", cutoff.minusSeconds(60));
		List<Long> read = this.messages.finishedBefore(cutoff, 10_000);
		assertThat(read).contains(failed);

		this.jdbc.sql("UPDATE outbox_message SET status = 'PENDING', attempts = 0 WHERE id = :id")
			.param("id", failed)
			.update();

		assertThat(this.messages.deleteFinished(List.of(failed), cutoff)).isZero();
		assertThat(ids(recipient)).containsExactly(failed);
	}

	@Test
	void aRetentionShorterThanADayIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutboxRetention(this.messages, this.clock, Duration.ofHours(23)))
			.withMessageContaining("latchkey.outbox.retention");
	}

	/** A message as the outbox leaves it, its body wiped; never due, so that no dispatcher takes it. */
	private long store(String recipient, String status, Instant queuedAt) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO outbox_message (channel, recipient, template, status, attempts, created_at,
					next_attempt_at)
				VALUES ('email', :recipient, 'test', :status, 1, :queuedAt, :due)
				""")
			.param("recipient", recipient)
			.param("status", status)
			.param("queuedAt", Timestamp.from(queuedAt))
			.param("due", Timestamp.from(NEVER_DUE))
			.update(keys, "id");
		this.stored.add(recipient);
		return keys.getKeyAs(Number.class).longValue();
	}

	private List<Long> ids(String recipient) {
		return this.jdbc.sql("SELECT id FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", recipient)
			.query(Long.class)
			.list();
	}

	private static String recipient() {
		return UUID.randomUUID() + "@retention.example";
	}

}
