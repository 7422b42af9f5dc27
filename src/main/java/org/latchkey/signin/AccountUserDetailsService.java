package org.latchkey.signin;

import org.latchkey.account.AccountManagement;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks accounts up for the password check. A login with no account, or an account with no password yet,
 * is "not found": the provider then still hashes the presented password against a dummy hash, so neither
 * case answers faster than a wrong password.
 */
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountManagement accounts;

	private final SecondFactorRequirement requirement;

	AccountUserDetailsService(AccountManagement accounts, SecondFactorRequirement requirement) {
		this.accounts = accounts;
		this.requirement = requirement;
	}

	@Override
	public UserDetails loadUserByUsername(String login) {
		return this.accounts.findCredentials(login)
			.map(credentials -> new SignInPrincipal(credentials,
					this.requirement.appliesTo(credentials.accountId())))
			.orElseThrow(() -> new UsernameNotFoundException("No account with a password for this login"));
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		SignInPrincipal principal = (SignInPrincipal) user;
		this.accounts.upgradePasswordHash(principal.accountId(), newPassword);
		return principal;
	}

}
