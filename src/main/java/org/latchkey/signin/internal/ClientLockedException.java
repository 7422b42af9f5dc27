package org.latchkey.signin.internal;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A sign-in attempt refused, unread, because the account is locked for this browser. It is a
 * {@link BadCredentialsException} so that it answers exactly like a wrong password.
 */
public class ClientLockedException extends BadCredentialsException {

	public ClientLockedException() {
		super("Bad credentials");
	}

}
