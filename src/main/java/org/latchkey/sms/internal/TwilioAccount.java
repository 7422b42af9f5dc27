package org.latchkey.sms.internal;

/**
 * The Twilio account SMS are sent from.
 *
 * @param accountSid the account's SID ({@code AC…})
 * @param authToken the secret that goes with it
 * @param sender the number or alphanumeric sender the SMS come from
 */
record TwilioAccount(String accountSid, String authToken, String sender) {

	/** Keeps the auth token out of logs and exception messages. */
	@Override
	public String toString() {
		return "TwilioAccount[" + this.accountSid + ", token not shown]";
	}

}
