package org.latchkey.outbox;

/**
 * A recipient address that cannot be written to. The message is a message-bundle key naming what is wrong
 * (never the address itself), so a form can tell the person in their language.
 */
public class InvalidRecipientException extends RuntimeException {

	public InvalidRecipientException(String messageKey) {
		super(messageKey);
	}

	/** The message-bundle key that explains the fault. */
	public String messageKey() {
		return getMessage();
	}

}
