package org.latchkey.mail.internal;

import org.latchkey.mail.DeliveryTarget;

/**
 * Carries one message out of the server. A notifier either hands the message on or throws; it never retries
 * by itself, the dispatcher does.
 */
public interface Notifier {

	/** Sends the message; any exception means it was not handed on and will be retried. */
	void send(OutgoingMail mail) throws Exception;

	/** Where messages go, for the console. */
	DeliveryTarget target();

}
