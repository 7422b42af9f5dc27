package org.latchkey.sms.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Twilio account SMS are sent from.
 *
 * @param accountSid the account's SID ({@code AC…})
 * @param authToken the secret that goes with it
 * @param sender the number or alphanumeric sender the SMS come from
 */
record TwilioAccount(String accountSid, String authToken, String sender) {

	/** The value of the {@code Authorization} header of every call to Twilio: HTTP basic. */
	String authorization() {
		String credentials = this.accountSid + ":" + this.authToken;
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/** Keeps the auth token out of logs and exception messages. */
	@Override
	public String toString() {
		return "TwilioAccount[" + this.accountSid + ", token not shown]";
	}

}
