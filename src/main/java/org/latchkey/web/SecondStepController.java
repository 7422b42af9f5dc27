package org.latchkey.web;

import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.TotpCheck;
import org.latchkey.session.SignInMethod;
import org.latchkey.signin.BrowserBinding;
import org.latchkey.signin.SecondStep;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.VerifyState;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step 2 of the sign-in, {@code /login/verify}: the code page, a new code on request, and the choice of a
 * 2FA email for a user who has none. Only a session whose password was accepted gets here.
 */
@Controller
class SecondStepController {

	private static final String VERIFY = "signin/verify";

	private static final String CHOOSE_EMAIL = "signin/choose-email";

	private static final String VERIFY_APP = "signin/verify-app";

	private final SecondStep secondStep;

	private final SignInCompletion completion;

	private final BrowserBinding binding;

	private final Clock clock;

	SecondStepController(SecondStep secondStep, SignInCompletion completion, BrowserBinding binding, Clock clock) {
		this.secondStep = secondStep;
		this.completion = completion;
		this.binding = binding;
		this.clock = clock;
	}

	@GetMapping("/login/verify")
	String showVerify(@RequestParam(required = false) String method, Authentication authentication,
			HttpSession session, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		boolean hasApp = this.secondStep.hasAuthenticator(principal);
		model.addAttribute("hasApp", hasApp);
		model.addAttribute("hasEmail", this.secondStep.hasEmail(principal));
		if (hasApp && !"email".equals(method)) {
			return VERIFY_APP;
		}
		VerifyState state = this.secondStep.state(principal, this.binding.of(session));
		model.addAttribute("state", state);
		if (state.needsEmail()) {
			model.addAttribute("email", state.suggestedEmail());
			return CHOOSE_EMAIL;
		}
		return VERIFY;
	}

	@PostMapping("/login/verify")
	String processCode(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		CodeCheck check = this.secondStep.check(principal, this.binding.of(request.getSession()), code, locale);
		if (!check.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("state", this.secondStep.state(principal, this.binding.of(request.getSession())));
			model.addAttribute("hasApp", this.secondStep.hasAuthenticator(principal));
			model.addAttribute("codeError", "verify.code." + check.result().name().toLowerCase(Locale.ROOT));
			model.addAttribute("attemptsLeft", check.attemptsLeft());
			return VERIFY;
		}
		String next = this.completion.complete(request, response, authentication, SignInMethod.EMAIL_CODE,
				SignInCompletion.EMAIL_CODE_FACTOR);
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	@PostMapping("/login/verify/app")
	String processAppCode(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		TotpCheck check = this.secondStep.checkAuthenticator(principal, code);
		if (check != TotpCheck.ACCEPTED) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("hasApp", true);
			model.addAttribute("hasEmail", this.secondStep.hasEmail(principal));
			model.addAttribute("codeError", "verify.app." + check.name().toLowerCase(Locale.ROOT));
			return VERIFY_APP;
		}
		String next = this.completion.complete(request, response, authentication, SignInMethod.AUTHENTICATOR_APP,
				SignInCompletion.AUTHENTICATOR_FACTOR);
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	@PostMapping("/login/verify/resend")
	String resend(Authentication authentication, HttpSession session, Locale locale, RedirectAttributes redirect) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		if (this.secondStep.state(principal, this.binding.of(session)).needsEmail()) {
			// the code to a proposed address expired before it came back: the address is to be chosen again
			return "redirect:/login/verify";
		}
		CodeSent sent = this.secondStep.sendCode(principal, this.binding.of(session), locale);
		CodeNotices.flash(redirect, sent, this.clock);
		return "redirect:/login/verify?method=email";
	}

	@PostMapping("/login/verify/email")
	String proposeEmail(@RequestParam(required = false) String email, Authentication authentication,
			HttpSession session, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		if (this.secondStep.hasEmail(principal)) {
			return "redirect:/login/verify";
		}
		try {
			CodeNotices.flash(redirect, this.secondStep.proposeEmail(principal, this.binding.of(session), email, locale),
					this.clock);
			return "redirect:/login/verify";
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("email", (email != null && email.length() <= 254) ? email : "");
			model.addAttribute("emailError", ex.messageKey());
			return CHOOSE_EMAIL;
		}
	}

	private static SignInPrincipal pending(Authentication authentication) {
		return (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending()) ? principal : null;
	}

}
