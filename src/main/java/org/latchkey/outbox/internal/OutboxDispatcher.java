package org.latchkey.outbox.internal;

import java.time.Clock;
import java.time.Instant;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.outbox.OutboxChannel;
import org.latchkey.outbox.OutboxStatus;
import org.latchkey.outbox.OutgoingMessage;
import org.latchkey.outbox.PermanentDeliveryException;
import org.latchkey.secret.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due in the outbox: each new message as soon as its transaction commits (handed over by {@link
 * ImmediateDispatch}), and whatever is due every {@code latchkey.delivery.poll-interval}, on every node, which
 * catches what the hand-off missed (a full queue, a restart, another node). A node claims a message with one
 * conditional update before sending it, so neither two nodes nor the hand-off and the poll send it twice;
 * a failed attempt is retried after a delay that doubles each time, up to a ceiling, until the message is
 * given up (and audited) after the last attempt, or at once when it was refused for good (a provider's 4xx,
 * an SMTP server's 5xx). No transaction is held while a notifier works.
 */
@Component
public class OutboxDispatcher implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final int ERROR_MAX = 500;

	private static final String QUALIFIED_CLASS_NAME = "\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*(?:Exception|Error))\\b";

	private final OutboxMessages messages;

	private final OutboxChannels channels;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final DeliverySettings settings;

	private final Clock clock;

	OutboxDispatcher(OutboxMessages messages, OutboxChannels channels, SecretCipher cipher, AuditLog audit,
			TransactionTemplate transactions, DeliverySettings settings, Clock clock) {
		this.messages = messages;
		this.channels = channels;
		this.cipher = cipher;
		this.audit = audit;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::dispatchDue, this.settings.pollInterval(), this.settings.pollInterval()));
	}

	/** Sends every message due now that no other node holds. */
	public void dispatchDue() {
		for (long id : this.messages.due(this.clock.instant(), this.settings.batchSize())) {
			dispatchIfDue(id);
		}
	}

	/**
	 * Sends one message if it is due now and no other node holds it: the database's claim decides, so the poll,
	 * the hand-off after a commit and other nodes may all try the same message and only one sends it.
	 */
	public void dispatchIfDue(long id) {
		Instant now = this.clock.instant();
		Instant claim = now.plus(this.settings.claimTimeout());
		if (this.messages.claim(id, now, claim)) {
			this.messages.findClaimed(id, claim).ifPresent(message -> dispatch(message, claim));
		}
	}

	private void dispatch(OutboxMessages.Claimed message, Instant claim) {
		try {
			send(message);
		}
		catch (PermanentDeliveryException ex) {
			givenUp(message, claim, describe(ex.getCause()), "refused");
			return;
		}
		catch (Exception ex) {
			failed(message, claim, describe(ex));
			return;
		}
		if (!this.messages.markSent(message.id(), claim, this.clock.instant())) {
			log.warn("Message {} was sent after its claim expired; another node may send it again. "
					+ "Consider a longer latchkey.delivery.claim-timeout", message.id());
		}
	}

	private void send(OutboxMessages.Claimed message) throws Exception {
		OutboxChannel channel = this.channels.find(message.channel())
			.orElseThrow(() -> new PermanentDeliveryException(
					new IllegalStateException("No channel " + message.channel() + " carries this message")));
		channel.send(new OutgoingMessage(message.id(), message.recipient(), message.template(),
				this.cipher.open(message.sealedBody())));
	}

	private void failed(OutboxMessages.Claimed message, Instant claim, String error) {
		int attempts = message.attempts() + 1;
		if (attempts >= this.settings.maxAttempts()) {
			givenUp(message, claim, error, "after " + attempts + " attempts");
			return;
		}
		Instant next = this.clock.instant().plus(this.settings.delayAfter(attempts));
		this.messages.markAttemptFailed(message.id(), claim, OutboxStatus.PENDING, error, next);
		log.warn("Message {} ({}) to {} failed, attempt {} of {}; next attempt at {}: {}", message.id(),
				message.template(), masked(message), attempts, this.settings.maxAttempts(), next, error);
	}

	/** Marks the message failed, no longer retried: after its last attempt, or at once when it was refused. */
	private void givenUp(OutboxMessages.Claimed message, Instant claim, String error, String why) {
		Instant now = this.clock.instant();
		String recipient = masked(message);
		this.transactions.executeWithoutResult(status -> {
			if (this.messages.markAttemptFailed(message.id(), claim, OutboxStatus.FAILED, error, now)) {
				this.audit.record(OutboxAuditEvent.MESSAGE_FAILED, AuditOutcome.FAILURE, null, null,
						"message " + message.id() + " (" + message.template() + ") to " + recipient + " " + why);
			}
		});
		log.error("Message {} ({}) to {} is given up ({}): {}", message.id(), message.template(), recipient, why,
				error);
	}

	private String masked(OutboxMessages.Claimed message) {
		return this.channels.mask(message.channel(), message.recipient());
	}

	/**
	 * A short description of a failure for the console and the log: its kind and message on one line, class
	 * names without their package, addresses masked, and never the content.
	 */
	public static String describe(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : "";
		// a few times the limit leaves room for what shortening takes out, and bounds the work of the patterns
		String head = (message.length() <= ERROR_MAX * 4) ? message : message.substring(0, ERROR_MAX * 4);
		String text = Addresses.maskWithin(failure.getClass().getSimpleName() + ": " + head)
			.replaceAll(QUALIFIED_CLASS_NAME, "$1")
			.replaceAll("[\\s\\p{Cntrl}]+", " ")
			.strip();
		return (text.length() <= ERROR_MAX) ? text : text.substring(0, ERROR_MAX);
	}

}
