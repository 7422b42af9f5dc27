package org.latchkey.signin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountRules;
import org.latchkey.account.Invitations;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;
import org.latchkey.signin.internal.PendingSignIn;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a first login, once the person who opened a first-login link has chosen a password and a 2FA
 * email. In one transaction the link is spent, the account becomes active with that password, and a code goes
 * to the chosen address, bound to the browser's new session, which the entry point leaves half signed in; the
 * code page then proves the address, makes it the 2FA email, tells the business email and completes the
 * sign-in. The link proved only that the person
 * reads the business email, so a first login ends with a proven 2FA email whatever the policy.
 */
@Service
public class FirstLogin {

	private final Invitations invitations;

	private final PasswordRules passwordRules;

	private final PendingSignIn pendingSignIn;

	private final SecondStep secondStep;

	FirstLogin(Invitations invitations, PasswordRules passwordRules, PendingSignIn pendingSignIn,
			SecondStep secondStep) {
		this.invitations = invitations;
		this.passwordRules = passwordRules;
		this.pendingSignIn = pendingSignIn;
		this.secondStep = secondStep;
	}

	/**
	 * Initialises the account of a first-login link and sends the code that proves the chosen address.
	 * @param binding the secret the codes of the browser's new session are to be bound to
	 * @return the half-signed-in authentication for that session, on its way to the code page; empty when the
	 * link is no longer valid (unknown, expired, used, voided, or its account no longer invited); nothing changed
	 * @throws org.latchkey.account.InvalidAccountException on the field {@code email} or {@code password} when
	 * it is refused; nothing changed and the link still works
	 */
	@Transactional
	public Optional<Authentication> complete(String token, String password, String email, String binding,
			Locale locale) {
		Account invited = this.invitations.invitedAccount(token).orElse(null);
		if (invited == null) {
			return Optional.empty();
		}
		String address = AccountRules.email("email", email);
		// the chosen 2FA email is one more word an attacker who knows the person would try
		this.passwordRules.check(password,
				new PasswordContext(invited.login(), List.of(invited.businessEmail(), address)));
		if (this.invitations.accept(token, password).isEmpty()) {
			return Optional.empty();
		}
		Authentication pending = this.pendingSignIn.begin(invited.id());
		this.secondStep.proposeEmail((SignInPrincipal) pending.getPrincipal(), binding, address, locale);
		return Optional.of(pending);
	}

}
