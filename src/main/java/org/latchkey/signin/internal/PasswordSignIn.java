package org.latchkey.signin.internal;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.TemporaryPasswords;
import org.latchkey.lockout.SignInThrottle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
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
		var service = new AccountUserDetailsService(accounts, requirement);
		var provider = new DaoAuthenticationProvider(service);
		provider.setPasswordEncoder(encoder);
		provider.setUserDetailsPasswordService(service);
		provider.setPreAuthenticationChecks(user -> {
		});
		// the checks after a right password need the attempt's browser: the throttled check makes them
		provider.setPostAuthenticationChecks(user -> {
		});
		return new ThrottledPasswordCheck(provider, throttle, temporaryPasswords);
	}

}
