package org.latchkey.verify;

import org.latchkey.system.InvalidFieldException;

/** A key's name or scopes that an administrator typed cannot be used. */
public class InvalidApiKeyException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	InvalidApiKeyException(String field, String messageKey) {
		super(field, messageKey);
	}

}
