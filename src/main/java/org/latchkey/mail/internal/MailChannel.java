package org.latchkey.mail.internal;

import org.latchkey.outbox.OutboxChannel;
import org.latchkey.outbox.OutgoingMessage;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Component;

/** Carries the emails of the outbox out through the notifier chosen at start. */
@Component
public class MailChannel implements OutboxChannel {

	/** The channel's name as stored with its messages. */
	public static final String NAME = "EMAIL";

	private final Notifier notifier;

	MailChannel(Notifier notifier) {
		this.notifier = notifier;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void send(OutgoingMessage message) throws Exception {
		this.notifier.send(new OutgoingMail(message.id(), message.recipient(), message.template(),
				RenderedMail.fromJson(message.body())));
	}

	@Override
	public String mask(String recipient) {
		return Masks.email(recipient);
	}

}
