package org.latchkey.oidc;

import org.latchkey.system.InvalidFieldException;

/** A client registration the console refuses, naming the field at fault and the message that says why. */
public class InvalidClientException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	InvalidClientException(String field, String messageKey) {
		super(field, messageKey);
	}

}
