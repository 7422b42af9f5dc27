package org.latchkey.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.PasswordRules;
import org.latchkey.recovery.PasswordResets;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /login/new-password}: after a sign-in with a temporary password (and its second factor, when one is
 * owed), the one page the session reaches until its owner has chosen a password of their own.
 */
@Controller
class NewPasswordController {

	private static final String FORM = "password-reset/new-password";

	private final PasswordResets resets;

	private final SessionSignIn signIn;

	private final AccountManagement accounts;

	private final PasswordRules passwordRules;

	NewPasswordController(PasswordResets resets, SessionSignIn signIn, AccountManagement accounts,
			PasswordRules passwordRules) {
		this.resets = resets;
		this.signIn = signIn;
		this.accounts = accounts;
		this.passwordRules = passwordRules;
	}

	@GetMapping(SignInCompletion.NEW_PASSWORD_PATH)
	String showForm(Authentication authentication, Model model) {
		SignInPrincipal principal = waiting(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		return form(principal, model);
	}

	@PostMapping(SignInCompletion.NEW_PASSWORD_PATH)
	String processForm(@RequestParam(required = false) String password, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		SignInPrincipal principal = waiting(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		try {
			if (!this.resets.replaceTemporary(principal.accountId(), password, locale)) {
				// the account was disabled or given another temporary password meanwhile
				this.signIn.signOut(request);
				return "redirect:/login?expired";
			}
			return "redirect:" + this.signIn.completeWithNewPassword(request, response, authentication);
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			FieldErrors.show(model, ex);
			model.addAttribute("guidance", this.passwordRules.guidance(password,
					PasswordResetController.contextOf(this.accounts.findById(principal.accountId()).orElseThrow()),
					locale));
			return form(principal, model);
		}
	}

	private String form(SignInPrincipal principal, Model model) {
		model.addAttribute("login", principal.getUsername());
		model.addAttribute("minLength", this.passwordRules.minLength());
		return FORM;
	}

	/** The principal of a session that waits for a new password; null for any other, the code still owed included. */
	private static SignInPrincipal waiting(Authentication authentication) {
		return (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isPasswordChangeRequired() && !principal.isSecondFactorPending()) ? principal : null;
	}

}
