package org.latchkey.signin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Step 1 under account and client throttling. The password is always checked first, so a locked account
 * costs the same hash as any other attempt and answers the same; then a standing lock refuses even the right
 * password (see {@link SignInThrottle#refuseIfLocked}, run after the password matched), and a wrong password
 * is counted.
 */
class ThrottledPasswordCheck implements AuthenticationProvider {

	private final AuthenticationProvider passwordCheck;

	private final SignInThrottle throttle;

	ThrottledPasswordCheck(AuthenticationProvider passwordCheck, SignInThrottle throttle) {
		this.passwordCheck = passwordCheck;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		try {
			return this.passwordCheck.authenticate(authentication);
		}
		catch (ClientLockedException ex) {
			throw ex;
		}
		catch (BadCredentialsException ex) {
			if (this.throttle.passwordFailed(authentication.getName())) {
				throw new ClientLockedException();
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwordCheck.supports(authentication);
	}

}
