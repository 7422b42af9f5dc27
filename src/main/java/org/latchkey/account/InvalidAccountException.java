package org.latchkey.account;

/**
 * A request about an account that cannot be carried out as given. The message is a message-bundle key
 * naming what is wrong (never the value itself), so each page can tell the person in their language.
 */
public class InvalidAccountException extends RuntimeException {

	private final String field;

	public InvalidAccountException(String field, String messageKey) {
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
