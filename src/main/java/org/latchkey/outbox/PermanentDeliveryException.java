package org.latchkey.outbox;

/**
 * A message was refused in a way that retrying will not change: a provider answered 4xx (bad credentials, bad
 * number), an SMTP server answered 5xx. The dispatcher marks the message failed at once; its cause says why.
 */
public class PermanentDeliveryException extends Exception {

	public PermanentDeliveryException(Exception cause) {
		super(cause.getMessage(), cause);
	}

}
