package org.latchkey.signin;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.Credentials;
import org.latchkey.session.SignedInSessions;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Leaves a browser half signed in to an account whose password it has just set, as step 1 does after a
 * right password: the password factor is granted and the second factor is owed, so only the code page and
 * sign-out are reachable. Whatever session the browser had is ended (a sign-in to another account
 * included) and a new one starts, so no session id from before goes on.
 */
@Component
class PendingSignIn {

	private final AccountManagement accounts;

	private final SignedInSessions sessions;

	private final Clock clock;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	PendingSignIn(AccountManagement accounts, SignedInSessions sessions, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.clock = clock;
	}

	SignInPrincipal begin(HttpServletRequest request, HttpServletResponse response, long accountId) {
		Account account = this.accounts.findById(accountId).orElseThrow();
		Credentials credentials = this.accounts.findCredentials(account.login())
			.orElseThrow(() -> new IllegalStateException("The account has no password yet"));
		SignInPrincipal principal = new SignInPrincipal(credentials, true, false);
		principal.eraseCredentials();
		HttpSession previous = request.getSession(false);
		if (previous != null) {
			this.sessions.ended(previous.getId());
			previous.invalidate();
		}
		request.getSession(true);
		Authentication pending = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(this.clock.instant())
					.build()));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(pending);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return principal;
	}

}
