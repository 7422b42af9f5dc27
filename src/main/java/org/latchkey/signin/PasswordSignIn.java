package org.latchkey.signin;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.TemporaryPasswords;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Step 1 of the sign-in: the password check. The account's status is checked only after the password was
 * found right, so a disabled account tells nothing to someone who does not know its password. A temporary
 * password is spent the moment it is found right, by one conditional UPDATE: of two sign-ins racing with it,
 * one passes and the other is refused like a wrong password. Throttling wraps it all
 * ({@link ThrottledPasswordCheck}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordSignIn {

	@Bean
	AuthenticationProvider passwordAuthenticationProvider(AccountManagement accounts,
			TemporaryPasswords temporaryPasswords, SecondFactorRequirement requirement, PasswordEncoder encoder,
			SignInThrottle throttle) {
		var service = new AccountUserDetailsService(accounts, temporaryPasswords, requirement);
		var provider = new DaoAuthenticationProvider(service);
		provider.setPasswordEncoder(encoder);
		provider.setUserDetailsPasswordService(service);
		provider.setPreAuthenticationChecks(user -> {
		});
		provider.setPostAuthenticationChecks(afterRightPassword(temporaryPasswords, throttle));
		return new ThrottledPasswordCheck(provider, throttle);
	}

	private static UserDetailsChecker afterRightPassword(TemporaryPasswords temporaryPasswords,
			SignInThrottle throttle) {
		var status = new AccountStatusUserDetailsChecker();
		return user -> {
			SignInPrincipal principal = (SignInPrincipal) user;
			// before anything else: a locked account says nothing, not even that it is disabled
			throttle.refuseIfLocked(principal);
			status.check(user);
			if (principal.isPasswordChangeRequired()
					&& !temporaryPasswords.spend(principal.accountId(), principal.getPassword())) {
				throw new BadCredentialsException("Bad credentials");
			}
		};
	}

}
