package org.latchkey.system;

/**
 * A value a person typed that cannot be used as given: it names the form field at fault and a message-bundle
 * key that explains the fault in the person's language, never the value itself (which may be a secret). Each
 * module refuses its own values with a subclass; pages show any of them the same way ({@link FieldErrors}).
 */
public abstract class InvalidFieldException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String messageKey;

	protected InvalidFieldException(String field, String messageKey) {
		super(messageKey);
		this.field = field;
		this.messageKey = messageKey;
	}

	/** The form field at fault. */
	public String field() {
		return this.field;
	}

	/** The message-bundle key that explains the fault. */
	public String messageKey() {
		return this.messageKey;
	}

}
