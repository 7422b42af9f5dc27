package org.latchkey.signin;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A sign-in attempt refused, unread, because the account is locked for this browser. It is a
 * {@link BadCredentialsException} so that it answers exactly like a wrong password.
 */
class ClientLockedException extends BadCredentialsException {

	ClientLockedException() {
		super("Bad credentials");
	}

}
