package org.latchkey.web;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;
import org.latchkey.selfservice.EmailChangeState;
import org.latchkey.selfservice.TwoFactorEmailChange;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account → change 2FA email: a code to the current address, then the new address and a code sent there.
 * One page shows whichever step the change is at.
 */
@Controller
class TwoFactorEmailChangeController {

	private static final String PAGE = "account/two-factor-email";

	private static final String STEP = "redirect:/account/two-factor-email";

	private static final int EMAIL_MAX = 254;

	private static final String NOT_ALLOWED = "my-account.email.not-allowed";

	private final TwoFactorEmailChange emailChange;

	private final SessionRenewal renewal;

	private final Clock clock;

	private final BrowserBinding binding;

	TwoFactorEmailChangeController(TwoFactorEmailChange emailChange, SessionRenewal renewal, Clock clock,
			BrowserBinding binding) {
		this.binding = binding;
		this.emailChange = emailChange;
		this.renewal = renewal;
		this.clock = clock;
	}

	@PostMapping("/account/two-factor-email")
	String startChange(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Locale locale,
			RedirectAttributes redirect) {
		this.emailChange.start(principal, this.binding.browser(session), locale)
			.ifPresent(sent -> CodeNotices.flashRefusal(redirect, sent, this.clock));
		return STEP;
	}

	@GetMapping("/account/two-factor-email")
	String showStep(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model,
			RedirectAttributes redirect) {
		EmailChangeState state = this.emailChange.state(principal, this.binding.browser(session));
		if (state.step() == EmailChangeState.Step.NOT_STARTED) {
			// a change started, or under way, while email codes are not allowed has nothing to show: say why
			if (!this.emailChange.isAvailable()) {
				redirect.addFlashAttribute("problem", NOT_ALLOWED);
			}
			return "redirect:/account";
		}
		model.addAttribute("state", state);
		return PAGE;
	}

	@PostMapping("/account/two-factor-email/current")
	String proveCurrent(@RequestParam(required = false) String code,
			@AuthenticationPrincipal SignInPrincipal principal, HttpServletRequest request, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return prove(() -> this.emailChange.proveCurrent(principal, this.binding.browser(session), code),
				"my-account.email.current-proven", STEP, principal, request, model, response, redirect);
	}

	@PostMapping("/account/two-factor-email/new-address")
	String chooseNew(@RequestParam(required = false) String email, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			CodeSent sent = this.emailChange.chooseNew(principal, this.binding.browser(session), email, locale);
			CodeNotices.flashRefusal(redirect, sent, this.clock);
		}
		catch (InvalidAccountException ex) {
			return invalid(ex, email, principal, session, model, response);
		}
		return STEP;
	}

	@PostMapping("/account/two-factor-email/new")
	String proveNew(@RequestParam(required = false) String code, @AuthenticationPrincipal SignInPrincipal principal,
			HttpServletRequest request, HttpSession session, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return prove(() -> this.emailChange.proveNew(principal, this.binding.browser(session), code, locale),
				"my-account.email.changed",
				"redirect:/account", principal, request, model, response, redirect);
	}

	@PostMapping("/account/two-factor-email/resend")
	String resend(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Locale locale,
			RedirectAttributes redirect) {
		this.emailChange.resend(principal, this.binding.browser(session), locale)
			.ifPresent(sent -> CodeNotices.flash(redirect, sent, this.clock));
		return STEP;
	}

	/**
	 * Submits a code to one of the two proofs; once it is accepted, renews the session id (each proof is a
	 * step-up) and says so on the {@code next} page.
	 */
	private String prove(Supplier<CodeCheck> proof, String notice, String next, SignInPrincipal principal,
			HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		HttpSession session = request.getSession();
		CodeCheck check;
		try {
			check = proof.get();
		}
		catch (InvalidAccountException ex) {
			return invalid(ex, null, principal, session, model, response);
		}
		if (!check.accepted()) {
			return refused(check, principal, session, model, response);
		}
		// after the proof's transaction: the session store takes a connection of its own
		this.renewal.renew(request);
		redirect.addFlashAttribute("notice", notice);
		return next;
	}

	private String refused(CodeCheck check, SignInPrincipal principal, HttpSession session, Model model,
			HttpServletResponse response) {
		CodeNotices.refusal(model, check);
		return page(principal, session, model, response);
	}

	/** The page again, with the message beside the field at fault, or above it when a step was skipped. */
	private String invalid(InvalidAccountException ex, String email, SignInPrincipal principal, HttpSession session,
			Model model, HttpServletResponse response) {
		switch (ex.field()) {
			case "code" -> model.addAttribute("codeError", ex.messageKey());
			case "email" -> {
				model.addAttribute("emailError", ex.messageKey());
				model.addAttribute("email", (email != null && email.length() <= EMAIL_MAX) ? email : "");
			}
			default -> model.addAttribute("problem", ex.messageKey());
		}
		return page(principal, session, model, response);
	}

	private String page(SignInPrincipal principal, HttpSession session, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("state", this.emailChange.state(principal, this.binding.browser(session)));
		return PAGE;
	}

}
