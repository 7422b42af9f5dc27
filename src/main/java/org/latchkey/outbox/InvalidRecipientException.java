package org.latchkey.outbox;

import org.latchkey.system.InvalidFieldException;

/**
 * A recipient address or number that cannot be written to. The field is always {@code recipient}; the message
 * key names what is wrong (never the address itself), so a form can tell the person in their language.
 */
public class InvalidRecipientException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	public InvalidRecipientException(String messageKey) {
		super("recipient", messageKey);
	}

}
