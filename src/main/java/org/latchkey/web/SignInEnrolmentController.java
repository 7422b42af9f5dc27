package org.latchkey.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.selfservice.AuthenticatorSetup;
import org.latchkey.selfservice.PhoneSetup;
import org.latchkey.session.SignedInWith;
import org.latchkey.signin.SecondStep;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step 2 for a user who has no method the organisation allows (their only one was disallowed, or removed by an
 * administrator) while email codes are not allowed: they enrol an authenticator app, or a phone for SMS codes,
 * and the code that confirms it completes the sign-in. Nobody who can use an allowed method gets here: they
 * prove it at step 2 instead.
 */
@Controller
class SignInEnrolmentController {

	static final String APP = "/login/verify/app-setup";

	static final String PHONE = "/login/verify/phone-setup";

	private static final String APP_PAGE = "account/authenticator";

	private static final String PHONE_PAGE = "account/phone";

	private final SecondStep secondStep;

	private final AuthenticatorSetup apps;

	private final PhoneSetup phones;

	private final SessionSignIn completion;

	private final Clock clock;

	private final BrowserBinding binding;

	SignInEnrolmentController(SecondStep secondStep, AuthenticatorSetup apps, PhoneSetup phones,
			SessionSignIn completion, Clock clock, BrowserBinding binding) {
		this.binding = binding;
		this.secondStep = secondStep;
		this.apps = apps;
		this.phones = phones;
		this.completion = completion;
		this.clock = clock;
	}

	@GetMapping(APP)
	String showApp(Authentication authentication, HttpSession session, Model model) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.AUTHENTICATOR_APP);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		return appPage(principal, session, model);
	}

	@PostMapping(APP + "/start")
	String startApp(Authentication authentication, HttpSession session) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.AUTHENTICATOR_APP);
		if (principal != null) {
			this.apps.start(principal, this.binding.browser(session));
		}
		return "redirect:" + APP;
	}

	@PostMapping(APP + "/confirm")
	String confirmApp(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.AUTHENTICATOR_APP);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		String refusal = AuthenticatorController.refusal(() -> this.apps.confirm(principal,
				this.binding.browser(request.getSession()), code, locale));
		if (refusal != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("codeError", refusal);
			return appPage(principal, request.getSession(), model);
		}
		return complete(request, response, authentication, SignedInWith.AUTHENTICATOR_APP,
				SignInCompletion.AUTHENTICATOR_FACTOR);
	}

	@GetMapping(PHONE)
	String showPhone(Authentication authentication, HttpSession session, Model model) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.SMS_CODE);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		return phonePage(principal, session, model);
	}

	@PostMapping(PHONE)
	String savePhone(@RequestParam(required = false) String phone, Authentication authentication, HttpSession session,
			Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.SMS_CODE);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		try {
			this.phones.save(principal, this.binding.browser(session), phone, locale)
				.ifPresent(sent -> CodeNotices.flashRefusal(redirect, sent, this.clock));
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("phoneError", ex.messageKey());
			model.addAttribute("typed", (phone != null && phone.length() <= 40) ? phone : "");
			return phonePage(principal, session, model);
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("problem", CodeNotices.smsRefusal(ex));
		}
		return "redirect:" + PHONE;
	}

	@PostMapping(PHONE + "/resend")
	String resendPhoneCode(Authentication authentication, HttpSession session, Locale locale,
			RedirectAttributes redirect) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.SMS_CODE);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		try {
			Optional<CodeSent> sent = this.phones.resend(principal, this.binding.browser(session), locale);
			sent.ifPresent(code -> CodeNotices.flash(redirect, code, this.clock));
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("problem", CodeNotices.smsRefusal(ex));
		}
		return "redirect:" + PHONE;
	}

	/** The code that proves the new number is the SMS factor of this sign-in. */
	@PostMapping(PHONE + "/confirm")
	String confirmPhone(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInPrincipal principal = enrolling(authentication, SecondFactorKind.SMS_CODE);
		if (principal == null) {
			return "redirect:/login/verify";
		}
		HttpSession session = request.getSession();
		CodeCheck check;
		try {
			check = this.phones.confirm(principal, this.binding.browser(session), code);
		}
		catch (InvalidAccountException ex) {
			CodeNotices.invalid(model, response, ex);
			return phonePage(principal, session, model);
		}
		if (!check.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			CodeNotices.refusal(model, check);
			return phonePage(principal, session, model);
		}
		return complete(request, response, authentication, SignedInWith.SMS_CODE, SignInCompletion.SMS_CODE_FACTOR);
	}

	private String appPage(SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("base", APP);
		model.addAttribute("signingIn", true);
		model.addAttribute("available", this.apps.isAvailable());
		model.addAttribute("configured", false);
		model.addAttribute("mayStart", this.apps.mayStart(principal, this.binding.browser(session)));
		this.apps.pending(principal).ifPresent(enrolment -> AuthenticatorController.show(enrolment, model));
		return APP_PAGE;
	}

	private String phonePage(SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("base", PHONE);
		model.addAttribute("signingIn", true);
		model.addAttribute("phone", null);
		model.addAttribute("mayChange", true);
		model.addAttribute("confirmsBySms", true);
		this.phones.pendingCode(principal, this.binding.browser(session))
			.ifPresent(state -> model.addAttribute("codeState", state));
		return PHONE_PAGE;
	}

	private String complete(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
			SignedInWith method, String factor) {
		String next = this.completion.complete(request, response, authentication, method, factor);
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	/**
	 * The half-signed-in user, when they can use no allowed method and {@code method} is allowed (email codes
	 * not, which they would enrol instead); otherwise {@code null}.
	 */
	private SignInPrincipal enrolling(Authentication authentication, SecondFactorKind method) {
		if (!(authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending())) {
			return null;
		}
		UserMethods methods = this.secondStep.methods(principal);
		return (!methods.any() && methods.allows(method) && !methods.allows(SecondFactorKind.EMAIL_CODE))
				? principal : null;
	}

}
