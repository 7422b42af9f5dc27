package org.latchkey.factor;

/** What a one-time code is for; a code is good only for the purpose it was sent for. */
public enum CodePurpose {
	SIGN_IN, PASSWORD_CHANGE, EMAIL_CHANGE_CURRENT, EMAIL_CHANGE_NEW,
	/** A sign-in code sent by SMS. */
	SMS_SIGN_IN,
	/** A code that proves a new phone number. */
	PHONE_CONFIRM,
	/** The fresh code a change of the user's second factors asks for. */
	METHOD_CHANGE,
	/** A code an application asked for through the Verify API, to an address or number outside any account. */
	API_VERIFICATION
}
