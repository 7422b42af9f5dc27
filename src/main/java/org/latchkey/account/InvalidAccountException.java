package org.latchkey.account;

import org.latchkey.system.InvalidFieldException;

/**
 * A request about an account that cannot be carried out as given. The message is a message-bundle key
 * naming what is wrong (never the value itself), so each page can tell the person in their language.
 */
public class InvalidAccountException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	public InvalidAccountException(String field, String messageKey) {
		super(field, messageKey);
	}

}
