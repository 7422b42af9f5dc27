package org.latchkey.factor;

/** What a one-time code is for; a code is good only for the purpose it was sent for. */
public enum CodePurpose {
	SIGN_IN, PASSWORD_CHANGE, EMAIL_CHANGE_CURRENT, EMAIL_CHANGE_NEW
}
