package org.latchkey.signin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountRules;
import org.latchkey.account.Invitations;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.signin.internal.PendingSignIn;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a first login, once the person who opened a first-login link has chosen a password and a 2FA
 * email. In one transaction the link is spent, the account becomes active with that password, and a code goes
 * to the chosen address, bound to the browser's new session, which the entry point leaves half signed in; the
 * code page then proves the address, makes it the 2FA email, tells the business email and completes the
 * sign-in. The link proved only that the person reads the business email, so a first login ends with a
 * proven 2FA email, except while 2FA is optional: then the 2FA email may be left for later, and the first login
 * ends signed in with the password alone, as every sign-in of a user who did not turn 2FA on does.
 */
@Service
public class FirstLogin {

	private final Invitations invitations;

	private final PasswordRules passwordRules;

	private final PendingSignIn pendingSignIn;

	private final SecondStep secondStep;

	private final SignInCompletion completion;

	private final OrganisationPolicy policy;

	FirstLogin(Invitations invitations, PasswordRules passwordRules, PendingSignIn pendingSignIn,
			SecondStep secondStep, SignInCompletion completion, OrganisationPolicy policy) {
		this.completion = completion;
		this.policy = policy;
		this.invitations = invitations;
		this.passwordRules = passwordRules;
		this.pendingSignIn = pendingSignIn;
		this.secondStep = secondStep;
	}

	/** Whether the 2FA email may be left for later: while 2FA is optional. */
	public boolean emailOptional() {
		return this.policy.current().twoFactorMode() == TwoFactorMode.OPTIONAL;
	}

	/**
	 * Initialises the account of a first-login link and sends the code that proves the chosen address.
	 * @param binding the secret the codes of the browser's new session are to be bound to
	 * @param email the chosen 2FA email; blank while 2FA is optional to leave it for later
	 * @return the half-signed-in authentication for that session, on its way to the code page, or a signed-in
	 * one when the 2FA email was left for later; empty when the link is no longer valid (unknown, expired, used, voided, or its account no longer invited); nothing changed
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
		boolean later = (email == null || email.isBlank()) && emailOptional();
		String address = later ? null : AccountRules.email("email", email);
		// the chosen 2FA email is one more word an attacker who knows the person would try
		this.passwordRules.check(password, new PasswordContext(invited.login(),
				later ? List.of(invited.businessEmail()) : List.of(invited.businessEmail(), address)));
		if (this.invitations.accept(token, password).isEmpty()) {
			return Optional.empty();
		}
		Authentication pending = this.pendingSignIn.begin(invited.id());
		if (later) {
			return Optional.of(this.completion.withPasswordAlone(pending));
		}
		this.secondStep.proposeEmail((SignInPrincipal) pending.getPrincipal(), binding, address, locale);
		return Optional.of(pending);
	}

}
