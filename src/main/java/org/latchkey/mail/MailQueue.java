package org.latchkey.mail;

import java.util.Locale;
import java.util.Map;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.mail.internal.MailChannel;
import org.latchkey.mail.internal.MailTemplates;
import org.latchkey.mail.internal.Notifier;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.Outbox;
import org.latchkey.system.Masks;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way in for every email Latchkey sends: {@code enqueue} renders an email and stores it in the outbox, in
 * the caller's transaction, so a change and the email it causes are kept or dropped together. The console
 * sends a test message here and reads where emails go.
 */
@Service
public class MailQueue {

	static final String TEST_MESSAGE = "test-message";

	private final Outbox outbox;

	private final MailTemplates templates;

	private final Notifier notifier;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	MailQueue(Outbox outbox, MailTemplates templates, Notifier notifier, PublicUrl publicUrl, AuditLog audit) {
		this.outbox = outbox;
		this.templates = templates;
		this.notifier = notifier;
		this.publicUrl = publicUrl;
		this.audit = audit;
	}

	/**
	 * Renders an email and stores it for sending once the caller's transaction commits.
	 * @return the message's id in the outbox
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 * @throws RuntimeException when a template or the subject is missing (the transaction should roll back)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long enqueue(Email email) {
		return this.outbox.enqueue(MailChannel.NAME, email.recipient(), email.template(),
				this.templates.render(email).toJson());
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
		this.audit.record(MailAuditEvent.TEST_MESSAGE_QUEUED, AuditOutcome.SUCCESS, null, null,
				"message " + id + " to " + Masks.email(email.recipient()));
		return id;
	}

	/** Where emails go. */
	public DeliveryTarget target() {
		return this.notifier.target();
	}

}
