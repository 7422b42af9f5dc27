package org.latchkey.sms;

/**
 * No SMS can be sent to this number now: no provider is configured, or the number's country is not among the
 * allowed ones. The caller's transaction rolls back and the person is offered another method.
 */
public class SmsUnavailableException extends RuntimeException {

	SmsUnavailableException(String message) {
		super(message);
	}

}
