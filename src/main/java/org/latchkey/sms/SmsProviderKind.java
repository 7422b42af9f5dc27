package org.latchkey.sms;

/**
 * Which provider carries SMS out: none (the default: no SMS, nothing about sign-ins leaves the server),
 * Twilio's Messages API, or any HTTP API described by a URL, headers and a body template.
 */
public enum SmsProviderKind {
	NONE, TWILIO, HTTP
}
