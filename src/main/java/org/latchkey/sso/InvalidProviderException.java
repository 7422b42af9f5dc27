package org.latchkey.sso;

import org.latchkey.system.InvalidFieldException;

/** A provider's setting, or its issuer's discovery document, that cannot be used; names the field at fault. */
public class InvalidProviderException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	public InvalidProviderException(String field, String messageKey) {
		super(field, messageKey);
	}

}
