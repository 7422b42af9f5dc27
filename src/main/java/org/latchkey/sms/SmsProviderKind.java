package org.latchkey.sms;

/**
 * Which provider carries SMS out: none (the default: no SMS, nothing about sign-ins leaves the server),
 * Twilio's Messages API, any HTTP API described by a URL, headers and a body template, or Twilio Verify, which
 * writes, sends and checks the codes itself (Latchkey then stores no SMS code).
 */
public enum SmsProviderKind {
	NONE, TWILIO, HTTP, TWILIO_VERIFY
}
