package org.latchkey.web;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.TotpEnrolment;
import org.latchkey.selfservice.AuthenticatorSetup;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Configure 2FA" → authenticator app: the on-screen steps of the seed (scan a QR code with an authenticator
 * app, confirm with a code), after which the user is signed out and the next sign-in asks for a token.
 */
@Controller
@RequestMapping("/account/authenticator")
class AuthenticatorController {

	private static final String PAGE = "account/authenticator";

	private final AuthenticatorSetup setup;

	private final BrowserBinding binding;

	AuthenticatorController(AuthenticatorSetup setup, BrowserBinding binding) {
		this.binding = binding;
		this.setup = setup;
	}

	@GetMapping
	String showSetup(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("available", this.setup.isAvailable());
		model.addAttribute("configured", this.setup.isConfigured(principal));
		model.addAttribute("mayStart", this.setup.mayStart(principal, this.binding.browser(session)));
		this.setup.pending(principal).ifPresent(enrolment -> show(enrolment, model));
		return PAGE;
	}

	/** At once for a user with no method; otherwise once a fresh code allowed it (the page asks for one first). */
	@PostMapping("/start")
	String start(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session) {
		this.setup.start(principal, this.binding.browser(session));
		return "redirect:/account/authenticator";
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(required = false) String code, @AuthenticationPrincipal SignInPrincipal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		if (!this.setup.isAvailable()) {
			return "redirect:/account/authenticator";
		}
		String refusal = refusal(() -> this.setup.confirm(principal, this.binding.browser(request.getSession()), code,
				locale));
		if (refusal != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("available", true);
			model.addAttribute("configured", this.setup.isConfigured(principal));
			model.addAttribute("mayStart", this.setup.mayStart(principal, this.binding.browser(request.getSession())));
			model.addAttribute("codeError", refusal);
			this.setup.pending(principal).ifPresent(enrolment -> show(enrolment, model));
			return PAGE;
		}
		// every session of the user ended, this one too: forget it here, so the end of the request keeps it gone
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/login?ended=two_factor_configured";
	}

	static void show(TotpEnrolment enrolment, Model model) {
		model.addAttribute("enrolment", enrolment);
		model.addAttribute("qrCode", QrCodes.pngDataUri(enrolment.uri()));
	}

	/** The message key of a refused confirmation (a wrong code, or any code during a lock); null when it was accepted. */
	static String refusal(BooleanSupplier confirmation) {
		try {
			return confirmation.getAsBoolean() ? null : "authenticator.wrong";
		}
		catch (InvalidAccountException ex) {
			return ex.messageKey();
		}
	}

}
