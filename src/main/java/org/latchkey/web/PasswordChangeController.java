package org.latchkey.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.PasswordRules;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;
import org.latchkey.selfservice.PasswordChange;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account → change password: the current and new passwords, then the code sent to the 2FA email.
 * Neither password is ever written back into a page.
 */
@Controller
class PasswordChangeController {

	private static final String FORM = "account/password";

	private static final String CONFIRM = "account/password-confirm";

	private final PasswordChange passwordChange;

	private final PasswordRules passwordRules;

	private final SessionRenewal renewal;

	private final Clock clock;

	private final BrowserBinding binding;

	PasswordChangeController(PasswordChange passwordChange, PasswordRules passwordRules, SessionRenewal renewal,
			Clock clock, BrowserBinding binding) {
		this.binding = binding;
		this.passwordChange = passwordChange;
		this.passwordRules = passwordRules;
		this.renewal = renewal;
		this.clock = clock;
	}

	@GetMapping("/account/password")
	String showForm(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		return form(principal, model);
	}

	@PostMapping("/account/password")
	String processForm(@ModelAttribute PasswordChangeForm form, @AuthenticationPrincipal SignInPrincipal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		Optional<CodeSent> sent;
		try {
			sent = this.passwordChange.start(principal, this.binding.browser(request.getSession()),
					form.currentPassword(), form.password(), locale);
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			FieldErrors.show(model, ex);
			if ("password".equals(ex.field())) {
				model.addAttribute("guidance", this.passwordChange.guidance(principal, form.password(), locale));
			}
			return form(principal, model);
		}
		if (sent.isEmpty()) {
			// changed with the current password alone: that was the step-up
			this.renewal.renew(request);
			redirect.addFlashAttribute("notice", "my-account.password.changed");
			return "redirect:/account";
		}
		CodeNotices.flashRefusal(redirect, sent.get(), this.clock);
		return "redirect:/account/password/confirm";
	}

	@GetMapping("/account/password/confirm")
	String showConfirm(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		Optional<CodeState> state = this.passwordChange.codeState(principal, this.binding.browser(session));
		if (state.isEmpty()) {
			return "redirect:/account/password";
		}
		model.addAttribute("codeState", state.get());
		return CONFIRM;
	}

	@PostMapping("/account/password/confirm")
	String processConfirm(@RequestParam(required = false) String code,
			@AuthenticationPrincipal SignInPrincipal principal, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		CodeCheck check;
		try {
			check = this.passwordChange.confirm(principal, this.binding.browser(request.getSession()), code, locale);
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "code".equals(ex.field()) ? confirm(principal, request.getSession(), model, ex.messageKey(), 0)
					: problem(principal, model, ex.messageKey());
		}
		if (!check.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return confirm(principal, request.getSession(), model, CodeNotices.stepUpRefusal(check.result()),
					check.attemptsLeft());
		}
		this.renewal.renew(request);
		redirect.addFlashAttribute("notice", "my-account.password.changed");
		return "redirect:/account";
	}

	@PostMapping("/account/password/resend")
	String resend(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Locale locale,
			RedirectAttributes redirect) {
		Optional<CodeSent> sent = this.passwordChange.resend(principal, this.binding.browser(session), locale);
		if (sent.isEmpty()) {
			redirect.addFlashAttribute("problem", "my-account.password.not-started");
			return "redirect:/account/password";
		}
		CodeNotices.flash(redirect, sent.get(), this.clock);
		return "redirect:/account/password/confirm";
	}

	private String form(SignInPrincipal principal, Model model) {
		model.addAttribute("minLength", this.passwordRules.minLength());
		model.addAttribute("asksForCode", this.passwordChange.asksForCode(principal));
		return FORM;
	}

	/** The code page again with why the code was refused; the form when the change ended meanwhile. */
	private String confirm(SignInPrincipal principal, HttpSession session, Model model, String codeError,
			int attemptsLeft) {
		Optional<CodeState> state = this.passwordChange.codeState(principal, this.binding.browser(session));
		if (state.isEmpty()) {
			return problem(principal, model, "my-account.password.not-started");
		}
		model.addAttribute("codeState", state.get());
		model.addAttribute("codeError", codeError);
		model.addAttribute("attemptsLeft", attemptsLeft);
		return CONFIRM;
	}

	private String problem(SignInPrincipal principal, Model model, String messageKey) {
		model.addAttribute("problem", messageKey);
		return form(principal, model);
	}

}
