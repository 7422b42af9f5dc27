package org.latchkey.signin;

import org.latchkey.account.AccountManagement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Step 1 of the sign-in: the password check. The account's status is checked only after the password was
 * found right, so a disabled account tells nothing to someone who does not know its password.
 */
@Configuration(proxyBeanMethods = false)
class PasswordSignIn {

	@Bean
	AuthenticationProvider passwordAuthenticationProvider(AccountManagement accounts,
			SecondFactorRequirement requirement, PasswordEncoder encoder) {
		var service = new AccountUserDetailsService(accounts, requirement);
		var provider = new DaoAuthenticationProvider(service);
		provider.setPasswordEncoder(encoder);
		provider.setUserDetailsPasswordService(service);
		provider.setPreAuthenticationChecks(user -> {
		});
		provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		return provider;
	}

}
