package org.latchkey.policy;

/** The kinds of second factor an administrator may allow. */
public enum SecondFactorKind {
	EMAIL_CODE, AUTHENTICATOR_APP, SMS_CODE,
	/** A WebAuthn credential, phishing-resistant: the only kind bound to this server's address. */
	PASSKEY
}
