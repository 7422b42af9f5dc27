package org.latchkey.session;

/** How a session was signed in; the strongest factor presented decides. */
public enum SignedInWith {
	PASSWORD, EMAIL_CODE, AUTHENTICATOR_APP, SMS_CODE, SSO, PASSKEY, RECOVERY_CODE, REMEMBERED_DEVICE
}
