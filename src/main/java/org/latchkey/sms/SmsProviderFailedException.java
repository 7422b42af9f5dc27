package org.latchkey.sms;

/**
 * The SMS provider that checks codes itself (Twilio Verify) could not answer whether a code is right: it is
 * down or slow ({@link #permanent()} false: try again later), or it refused the request for good (bad
 * credentials, unknown service: an administrator must act). Nothing about the code was decided.
 */
public class SmsProviderFailedException extends RuntimeException {

	private final boolean permanent;

	SmsProviderFailedException(String message, boolean permanent) {
		super(message);
		this.permanent = permanent;
	}

	/** Whether retrying cannot help until an administrator changes the settings. */
	public boolean permanent() {
		return this.permanent;
	}

}
