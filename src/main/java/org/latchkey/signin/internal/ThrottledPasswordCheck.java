package org.latchkey.signin.internal;

import java.util.List;

import org.latchkey.account.TemporaryPasswords;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Step 1 under account and client throttling. The password is always checked first, so a locked account
 * costs the same hash as any other attempt and answers the same; then a standing lock refuses even the right
 * password (see {@link SignInThrottle#lockedOnRightPassword}), and a wrong password is counted. The browser is
 * the {@link SignInAttempt} the entry point gave as the authentication's details; the signed-in authentication
 * keeps only its client address.
 */
class ThrottledPasswordCheck implements AuthenticationProvider {

	/** The attempt of a caller that gave none: counted as one client with no device token. */
	private static final SignInAttempt UNKNOWN = new SignInAttempt("unknown", List.of(), null);

	private final AuthenticationProvider passwordCheck;

	private final SignInThrottle throttle;

	private final TemporaryPasswords temporaryPasswords;

	private final AccountStatusUserDetailsChecker status = new AccountStatusUserDetailsChecker();

	ThrottledPasswordCheck(AuthenticationProvider passwordCheck, SignInThrottle throttle,
			TemporaryPasswords temporaryPasswords) {
		this.passwordCheck = passwordCheck;
		this.throttle = throttle;
		this.temporaryPasswords = temporaryPasswords;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		SignInAttempt attempt = (authentication.getDetails() instanceof SignInAttempt given) ? given : UNKNOWN;
		try {
			Authentication result = this.passwordCheck.authenticate(authentication);
			afterRightPassword((SignInPrincipal) result.getPrincipal(), attempt);
			if (result instanceof AbstractAuthenticationToken token) {
				// the session stores the authentication: its device tokens are no business of the session's
				token.setDetails(attempt.clientAddress());
			}
			return result;
		}
		catch (ClientLockedException ex) {
			throw ex;
		}
		catch (BadCredentialsException ex) {
			if (this.throttle.passwordFailed(authentication.getName(), attempt)) {
				throw new ClientLockedException();
			}
			throw ex;
		}
	}

	/**
	 * Before anything else a locked account says nothing, not even that it is disabled; a temporary password
	 * is spent the moment it is found right, and one spent meanwhile answers as a wrong password.
	 */
	private void afterRightPassword(SignInPrincipal principal, SignInAttempt attempt) {
		if (this.throttle.lockedOnRightPassword(principal.accountId(), attempt)) {
			throw new ClientLockedException();
		}
		this.status.check(principal);
		if (principal.isPasswordChangeRequired()
				&& !this.temporaryPasswords.spend(principal.accountId(), principal.getPassword())) {
			throw new BadCredentialsException("Bad credentials");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwordCheck.supports(authentication);
	}

}
