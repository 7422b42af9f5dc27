package org.latchkey.sms;

/**
 * How the generic HTTP provider's body template is filled: {@code {to}} and {@code {message}} are escaped as
 * JSON string content, or URL-encoded as form values.
 */
public enum SmsBodyFormat {

	JSON("application/json"), FORM("application/x-www-form-urlencoded");

	private final String contentType;

	SmsBodyFormat(String contentType) {
		this.contentType = contentType;
	}

	public String contentType() {
		return this.contentType;
	}

}
