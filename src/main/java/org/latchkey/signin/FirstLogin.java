package org.latchkey.signin;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.Account;
import org.latchkey.account.AccountRules;
import org.latchkey.account.Invitations;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a first login, once the person who opened a first-login link has chosen a password and a 2FA
 * email. In one transaction the link is spent, the account becomes active with that password, the browser is
 * left half signed in and a code goes to the chosen address; the code page then proves the address, makes it
 * the 2FA email, tells the business email and completes the sign-in. The link proved only that the person
 * reads the business email, so a first login ends with a proven 2FA email whatever the policy.
 */
@Service
public class FirstLogin {

	private final Invitations invitations;

	private final PasswordRules passwordRules;

	private final PendingSignIn pendingSignIn;

	private final SecondStep secondStep;

	private final BrowserBinding binding;

	FirstLogin(Invitations invitations, PasswordRules passwordRules, PendingSignIn pendingSignIn,
			SecondStep secondStep, BrowserBinding binding) {
		this.invitations = invitations;
		this.passwordRules = passwordRules;
		this.pendingSignIn = pendingSignIn;
		this.secondStep = secondStep;
		this.binding = binding;
	}

	/**
	 * Initialises the account of a first-login link and leaves the browser on its way to the code page.
	 * @return false when the link is no longer valid (unknown, expired, used, voided, or its account no longer
	 * invited); nothing changed
	 * @throws org.latchkey.account.InvalidAccountException on the field {@code email} or {@code password} when
	 * it is refused; nothing changed and the link still works
	 */
	@Transactional
	public boolean complete(String token, String password, String email, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		Account invited = this.invitations.invitedAccount(token).orElse(null);
		if (invited == null) {
			return false;
		}
		String address = AccountRules.email("email", email);
		// the chosen 2FA email is one more word an attacker who knows the person would try
		this.passwordRules.check(password,
				new PasswordContext(invited.login(), List.of(invited.businessEmail(), address)));
		if (this.invitations.accept(token, password).isEmpty()) {
			return false;
		}
		SignInPrincipal principal = this.pendingSignIn.begin(request, response, invited.id());
		this.secondStep.proposeEmail(principal, this.binding.of(request.getSession()), address, locale);
		return true;
	}

}
