package org.latchkey.sms;

import org.latchkey.system.InvalidFieldException;

/**
 * A value of the SMS settings form that cannot be saved. It names the field and a message-bundle key that
 * explains the fault, never the value (which may be a secret).
 */
public class InvalidSmsSettingsException extends InvalidFieldException {

	private static final long serialVersionUID = 1L;

	public InvalidSmsSettingsException(String field, String messageKey) {
		super(field, messageKey);
	}

}
