package org.latchkey.delivery;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.SecretCipher;
import org.latchkey.system.Masks;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way out for every message Latchkey sends, email or SMS. {@code enqueue} renders a message and stores
 * it, sealed, in the caller's transaction, so a change and the message it causes are kept or dropped
 * together; the dispatcher sends it afterwards, retrying until it goes through. The console reads and retries messages here.
 */
@Service
public class Outbox {

	static final String TEST_MESSAGE = "test-message";

	private static final int PAGE_SIZE = 50;

	private final OutboxMessages messages;

	private final MailTemplates templates;

	private final SmsQueue smsQueue;

	private final SecretCipher cipher;

	private final Notifier notifier;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	Outbox(OutboxMessages messages, MailTemplates templates, SmsQueue smsQueue, SecretCipher cipher,
			Notifier notifier, PublicUrl publicUrl, AuditLog audit, Clock clock) {
		this.messages = messages;
		this.templates = templates;
		this.smsQueue = smsQueue;
		this.cipher = cipher;
		this.notifier = notifier;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Renders an email and stores it for sending once the caller's transaction commits.
	 * @return the message's id in the outbox
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 * @throws RuntimeException when a template or the subject is missing (the transaction should roll back)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long enqueue(Email email) {
		String body = this.cipher.seal(this.templates.render(email).toJson());
		return this.messages.insert(OutboxMessages.EMAIL, email.recipient(), email.template(), body,
				this.clock.instant());
	}

	/**
	 * Writes an SMS's text and stores it for sending once the caller's transaction commits. It counts against
	 * the caps from then on; a refusal leaves nothing behind once the caller's transaction rolls back.
	 * @return the message's id in the outbox
	 * @throws SmsUnavailableException when no provider is configured or the number's country is not allowed
	 * @throws SmsLimitReachedException when a cap is reached: per account, per number, or the hourly cap
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 * @throws RuntimeException when the text or one of its variables is missing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long enqueue(Sms sms) {
		return this.smsQueue.enqueue(sms);
	}

	/**
	 * Queues the test message to an address an administrator typed, to check the delivery settings.
	 * @throws InvalidRecipientException when the address is refused
	 */
	@Transactional
	public long sendTestMessage(String recipient, Locale locale) {
		Email email = new Email(recipient, TEST_MESSAGE, locale,
				Map.of("url", this.publicUrl.to("/").toUriString()));
		long id = enqueue(email);
		this.audit.record("TEST_MESSAGE_QUEUED", AuditOutcome.SUCCESS, null, null,
				"message " + id + " to " + Masks.email(email.recipient()));
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

	/** Puts a failed message back in line for now; false when there is no failed message with this id. */
	@Transactional
	public boolean retry(long id) {
		boolean retried = this.messages.retry(id, this.clock.instant());
		if (retried) {
			this.audit.record("MESSAGE_RETRIED", AuditOutcome.SUCCESS, null, null, "message " + id);
		}
		return retried;
	}

	/**
	 * Whether a message could not be sent yet (its first attempts failed and it waits for the next one), so
	 * a page can tell the person it will arrive late.
	 */
	public boolean isDelayed(@Nullable Long id) {
		return id != null && this.messages.delayed(id);
	}

	/** Where messages go. */
	public DeliveryTarget target() {
		return this.notifier.target();
	}

}
