package org.latchkey.signin.internal;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.PasswordToCheck;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks accounts up for the password check. A login with no account, or an account with no password yet,
 * is "not found": the provider then still hashes the presented password against a dummy hash, so neither
 * case answers faster than a wrong password. While a temporary password stands in for the account's password,
 * its hash is the one checked, in place of the password's: every attempt costs one hash, whatever the account.
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
		PasswordToCheck found = this.accounts.findPasswordToCheck(login)
			.orElseThrow(() -> new UsernameNotFoundException("No account with a password for this login"));
		boolean secondFactor = this.requirement.appliesTo(found.credentials().accountId());
		return new SignInPrincipal(found.credentials(), secondFactor, found.temporary());
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		SignInPrincipal principal = (SignInPrincipal) user;
		// the hash that matched was the temporary password's: it must never become the account's password
		if (!principal.isPasswordChangeRequired()) {
			this.accounts.upgradePasswordHash(principal.accountId(), newPassword);
		}
		return principal;
	}

}
