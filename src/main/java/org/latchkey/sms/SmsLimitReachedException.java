package org.latchkey.sms;

/**
 * An SMS was refused because a cap was reached: too many for the account or for the number in the last 15
 * minutes, or too many for the whole server in the last hour. The caller's transaction rolls back and the
 * person is offered another method.
 */
public class SmsLimitReachedException extends RuntimeException {

	private final Limit limit;

	public SmsLimitReachedException(Limit limit) {
		super("SMS cap reached: " + limit);
		this.limit = limit;
	}

	/** Which cap refused the SMS. */
	public Limit limit() {
		return this.limit;
	}

	/** The caps on SMS sends. */
	public enum Limit {

		/** At most 5 SMS per account in 15 minutes. */
		PER_ACCOUNT,

		/** At most 5 SMS per destination number in 15 minutes. */
		PER_NUMBER,

		/** The server's hourly cap, set in Advanced Settings. */
		GLOBAL_HOURLY

	}

}
