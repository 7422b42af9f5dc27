package org.latchkey.sms;

/**
 * A value of the SMS settings form that cannot be saved. It names the field and a message-bundle key that
 * explains the fault, never the value (which may be a secret).
 */
public class InvalidSmsSettingsException extends RuntimeException {

	private final String field;

	public InvalidSmsSettingsException(String field, String messageKey) {
		super(messageKey);
		this.field = field;
	}

	/** The form field at fault. */
	public String field() {
		return this.field;
	}

	/** The message-bundle key that explains the fault. */
	public String messageKey() {
		return getMessage();
	}

}
