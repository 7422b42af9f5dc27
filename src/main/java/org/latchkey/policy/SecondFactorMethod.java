package org.latchkey.policy;

/** The kinds of second factor an administrator may allow. */
public enum SecondFactorMethod {
	EMAIL_CODE, AUTHENTICATOR_APP, SMS_CODE
}
