package org.latchkey.signin.internal;

import java.time.Clock;
import java.util.List;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.Credentials;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The half-signed-in authentication of an account whose password a browser has just set, as step 1 leaves it
 * after a right password: the password factor is granted and the second factor is owed, so only the code page
 * and sign-out are reachable. The entry point stores it in a new session, ending whatever session the browser
 * had, so no session id from before goes on.
 */
@Component
public class PendingSignIn {

	private final AccountManagement accounts;

	private final Clock clock;

	PendingSignIn(AccountManagement accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	public Authentication begin(long accountId) {
		Account account = this.accounts.findById(accountId).orElseThrow();
		Credentials credentials = this.accounts.findCredentials(account.login())
			.orElseThrow(() -> new IllegalStateException("The account has no password yet"));
		SignInPrincipal principal = new SignInPrincipal(credentials, true, false);
		principal.eraseCredentials();
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(this.clock.instant())
					.build()));
	}

}
