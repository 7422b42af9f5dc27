package org.latchkey.oidc;

/** A client registration the console refuses, naming the field at fault and the message that says why. */
public class InvalidClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String messageKey;

	InvalidClientException(String field, String messageKey) {
		super("Invalid client " + field);
		this.field = field;
		this.messageKey = messageKey;
	}

	public String field() {
		return this.field;
	}

	public String messageKey() {
		return this.messageKey;
	}

}
