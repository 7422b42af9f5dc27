package org.latchkey.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.latchkey.factor.internal.CodeChallenges;
import org.latchkey.mail.internal.MailSettings;
import org.latchkey.outbox.internal.OutboxMessages;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The records of what was sent go once the retention has passed since they were made: the outbox's messages
 * sent or given up on, never one still waiting (even one put back in line while the prune runs), the codes'
 * challenges with the API verifications of them, and the file notifier's email files.
 */
@LatchkeyTest
@StorageInvariants
class MessageRetentionTests extends ApplicationScenarios {

	private static final Duration RETENTION = Duration.ofDays(30);

	/** Far enough ahead that no poll of the dispatcher takes the test's waiting messages. */
	private static final Instant NEVER_DUE = Instant.parse("9999-01-01T00:00:00Z");

	@Autowired
	MessageRetention retention;

	@Autowired
	OutboxMessages messages;

	@Autowired
	CodeChallenges challenges;

	@Autowired
	MailSettings mail;

	private final String recipient = UUID.randomUUID() + "@retention.example";

	private final List<Long> apiKeys = new ArrayList<>();

	private final List<Path> files = new ArrayList<>();

	/** Later classes of the same context count the messages waiting and the codes sent: this one's leave with it. */
	@AfterEach
	void forgetWhatThisTestStored() throws IOException {
		this.jdbc.sql("DELETE FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", this.recipient)
			.update();
		this.jdbc.sql("DELETE FROM code_challenge WHERE destination = :recipient")
			.param("recipient", this.recipient)
			.update();
		this.apiKeys.forEach(key -> this.jdbc.sql("DELETE FROM api_key WHERE id = :id").param("id", key).update());
		for (Path file : this.files) {
			Files.deleteIfExists(file);
		}
	}

	@Test
	void pruneDeletesTheFinishedMessagesMadeBeforeTheRetentionAndKeepsTheRest() {
		Instant old = beforeTheRetention();
		Instant recent = old.plus(Duration.ofMinutes(2));
		long oldSent = message("SENT", old);
		long oldFailed = message("FAILED", old);
		long oldWaiting = message("PENDING", old);
		long recentSent = message("SENT", recent);
		long recentFailed = message("FAILED", recent);

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(2);

		assertThat(messageIds()).containsExactlyInAnyOrder(oldWaiting, recentSent, recentFailed)
			.doesNotContain(oldSent, oldFailed);
	}

	@Test
	void pruneDeletesMoreRecordsThanOnePartHolds() {
		Instant old = beforeTheRetention();
		IntStream.range(0, 1_500).forEach(each -> message("SENT", old));
		IntStream.range(0, 1_500).forEach(each -> challenge(old, null));

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(3_000);

		assertThat(messageIds()).isEmpty();
		assertThat(challengeIds()).isEmpty();
	}

	@Test
	void aMessagePutBackInLineAfterThePruneReadItStays() {
		Instant cutoff = this.clock.instant().minus(RETENTION);
		long failed = message("FAILED", cutoff.minusSeconds(60));
		assertThat(this.messages.idsBefore(cutoff, Integer.MAX_VALUE)).contains(failed);

		this.jdbc.sql("UPDATE outbox_message SET status = 'PENDING', attempts = 0 WHERE id = :id")
			.param("id", failed)
			.update();

		assertThat(this.messages.delete(List.of(failed), cutoff)).isZero();
		assertThat(messageIds()).containsExactly(failed);
	}

	@Test
	void pruneDeletesTheChallengesMadeBeforeTheRetentionWithTheirApiVerifications() {
		Instant old = beforeTheRetention();
		long apiKey = apiKey();
		long oldChallenge = challenge(old, apiKey);
		long recentChallenge = challenge(old.plus(Duration.ofMinutes(2)), apiKey);
		String oldVerification = verification(apiKey, oldChallenge);
		String recentVerification = verification(apiKey, recentChallenge);

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(1);

		assertThat(challengeIds()).containsExactly(recentChallenge);
		assertThat(this.jdbc.sql("SELECT id FROM api_verification WHERE api_key_id = :key")
			.param("key", apiKey)
			.query(String.class)
			.list()).containsExactly(recentVerification).doesNotContain(oldVerification);
	}

	@Test
	void pruneDeletesTheEmailFilesWrittenBeforeTheRetentionAndKeepsTheRest() throws IOException {
		Path directory = Files.createDirectories(this.mail.directory());
		Path old = file(directory, this.recipient + "-old.eml", beforeTheRetention());
		Path recent = file(directory, this.recipient + "-recent.eml", beforeTheRetention().plus(Duration.ofMinutes(2)));
		Path notAnEmail = file(directory, this.recipient + "-notes.txt", beforeTheRetention());

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(1);

		assertThat(old).doesNotExist();
		assertThat(recent).exists();
		assertThat(notAnEmail).exists();
	}

	@Test
	void aRetentionShorterThanTheDashboardsWeekIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MessageRetention(List.of(this.messages, this.challenges), List.of(), this.clock,
					Duration.ofDays(6)))
			.withMessageContaining("latchkey.message-retention");
	}

	private Path file(Path directory, String name, Instant written) throws IOException {
		Path file = Files.writeString(directory.resolve(name), "Subject: a message of " + this.recipient);
		Files.setLastModifiedTime(file, FileTime.from(written));
		this.files.add(file);
		return file;
	}

	/** A minute before the retention's cutoff, which the default of 30 days puts in the past. */
	private Instant beforeTheRetention() {
		return this.clock.instant().minus(RETENTION).minusSeconds(60);
	}

	/** A message as the outbox leaves it, its body wiped; never due, so that no dispatcher takes it. */
	private long message(String status, Instant queuedAt) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO outbox_message (channel, recipient, template, status, attempts, created_at,
					next_attempt_at)
				VALUES ('email', :recipient, 'test', :status, 1, :queuedAt, :due)
				""")
			.param("recipient", this.recipient)
			.param("status", status)
			.param("queuedAt", Timestamp.from(queuedAt))
			.param("due", Timestamp.from(NEVER_DUE))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** A code sent through the API (no account), expired ten minutes after it was sent. */
	private long challenge(Instant sentAt, Long apiKey) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO code_challenge (api_key_id, purpose, binding_hash, code_hash, channel, destination,
					created_at, expires_at)
				VALUES (:key, 'API_VERIFICATION', 'binding', 'code', 'email', :recipient, :sentAt, :expiresAt)
				""")
			.param("key", apiKey)
			.param("recipient", this.recipient)
			.param("sentAt", Timestamp.from(sentAt))
			.param("expiresAt", Timestamp.from(sentAt.plus(Duration.ofMinutes(10))))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private long apiKey() {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO api_key (application_id, name, key_prefix, key_hash, scopes, created_at)
				VALUES ('retention', 'retention', 'lk_test', :hash, 'verify', :now)
				""")
			.param("hash", UUID.randomUUID().toString())
			.param("now", Timestamp.from(this.clock.instant()))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.apiKeys.add(id);
		return id;
	}

	private String verification(long apiKey, long challenge) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO api_verification (id, api_key_id, challenge_id, channel, masked_destination, created_at)
				VALUES (:id, :key, :challenge, 'email', 'r***@retention.example', :now)
				""")
			.param("id", id)
			.param("key", apiKey)
			.param("challenge", challenge)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		return id;
	}

	private List<Long> messageIds() {
		return this.jdbc.sql("SELECT id FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", this.recipient)
			.query(Long.class)
			.list();
	}

	private List<Long> challengeIds() {
		return this.jdbc.sql("SELECT id FROM code_challenge WHERE destination = :recipient")
			.param("recipient", this.recipient)
			.query(Long.class)
			.list();
	}

}
