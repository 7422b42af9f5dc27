package org.latchkey.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.outbox.internal.ImmediateDispatch;
import org.latchkey.outbox.internal.OutboxAuditEvent;
import org.latchkey.outbox.internal.OutboxMessages;
import org.latchkey.secret.SecretCipher;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way out for every message Latchkey sends, whatever its channel. A channel's {@code enqueue} stores a
 * message here, sealed, in the caller's transaction, so a change and the message it causes are kept or dropped
 * together; the dispatcher sends it as soon as that transaction commits, through its {@link OutboxChannel},
 * retrying until it goes through. The console reads and retries messages here.
 */
@Service
public class Outbox {

	private static final int PAGE_SIZE = 50;

	private final OutboxMessages messages;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final ImmediateDispatch immediate;

	private final Clock clock;

	Outbox(OutboxMessages messages, SecretCipher cipher, AuditLog audit, ImmediateDispatch immediate, Clock clock) {
		this.messages = messages;
		this.cipher = cipher;
		this.audit = audit;
		this.immediate = immediate;
		this.clock = clock;
	}

	/**
	 * Stores a message, sealed, for sending once the caller's transaction commits: this node hands it to its
	 * dispatcher right after the commit, and the poll of any node sends it if that hand-off does not.
	 * @param channel the {@link OutboxChannel#name()} of the channel that will carry it
	 * @param body what the channel will be handed back in {@link OutgoingMessage#body()}
	 * @return the message's id in the outbox
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long enqueue(String channel, String recipient, String template, String body) {
		long id = this.messages.insert(channel, recipient, template, this.cipher.seal(body), this.clock.instant());
		this.immediate.afterCommit(id);
		return id;
	}

	/** One page of messages, newest first; a page past the end is empty. */
	public OutboxPage recent(int page) {
		long from = (long) Math.max(page, 0) * PAGE_SIZE;
		var entries = this.messages.recent(from, PAGE_SIZE + 1);
		boolean hasNext = entries.size() > PAGE_SIZE;
		return new OutboxPage(hasNext ? entries.subList(0, PAGE_SIZE) : entries, Math.max(page, 0), hasNext,
				this.messages.countByStatus());
	}

	/** How many messages stand in {@code status}: a few reads of an index for those waiting or given up on. */
	public long count(OutboxStatus status) {
		return this.messages.count(status);
	}

	/** When the oldest message still waiting to be sent was queued; empty when none waits. */
	public Optional<Instant> oldestPendingSince() {
		return this.messages.oldestPendingCreatedAt();
	}

	/**
	 * Puts a failed message back in line, sent as soon as this commits; false when there is no failed message
	 * with this id.
	 */
	@Transactional
	public boolean retry(long id) {
		boolean retried = this.messages.retry(id, this.clock.instant());
		if (retried) {
			this.audit.record(OutboxAuditEvent.MESSAGE_RETRIED, AuditOutcome.SUCCESS, null, null, "message " + id);
			this.immediate.afterCommit(id);
		}
		return retried;
	}

	/**
	 * Whether a message could not be sent yet (its first attempts failed and it waits for the next one), so
	 * a page can tell the person it will arrive late.
	 */
	public boolean isDelayed(@Nullable Long id) {
		return id != null && this.messages.attemptedAndIs(id, OutboxStatus.PENDING);
	}

	/**
	 * Whether a message was given up (refused for good, or out of attempts), so a page can tell the person it
	 * will not arrive and offer another way.
	 */
	public boolean hasFailed(@Nullable Long id) {
		return id != null && this.messages.attemptedAndIs(id, OutboxStatus.FAILED);
	}

	/** The last error of the most recent message of a channel that had one, for the channel's settings page. */
	public Optional<LastError> lastError(String channel) {
		return this.messages.lastError(channel);
	}

}
