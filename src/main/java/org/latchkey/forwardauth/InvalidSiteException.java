package org.latchkey.forwardauth;

import org.latchkey.system.InvalidFieldException;

/** A protected site the console refuses, naming the field at fault and the message that says why. */
public class InvalidSiteException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	InvalidSiteException(String field, String messageKey) {
		super(field, messageKey);
	}

}
