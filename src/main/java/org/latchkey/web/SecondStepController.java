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
import org.latchkey.factor.TotpCheck;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.session.SignedInWith;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.RememberedSignIn;
import org.latchkey.signin.SecondStep;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;
import org.latchkey.signin.VerifyState;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsProviderFailedException;
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
 * Step 2 of the sign-in, {@code /login/verify}: the user's default method first, with a way to each other
 * method they may use (a code from the app, a code sent by SMS or by email); a new code on request; and, for a
 * user with no method the policy allows, the choice of one. Only a session whose password was accepted gets
 * here.
 */
@Controller
class SecondStepController {

	private static final String VERIFY = "signin/verify";

	private static final String CHOOSE_EMAIL = "signin/choose-email";

	private static final String VERIFY_APP = "signin/verify-app";

	private static final String NO_METHOD = "signin/no-method";

	private static final String SMS_PAGE = "redirect:/login/verify?method=sms";

	private static final String VERIFY_RECOVERY = "signin/verify-recovery";

	/** The {@code method} of the page that asks for a recovery code. */
	private static final String RECOVERY = "recovery";

	private final SecondStep secondStep;

	private final SessionSignIn completion;

	private final BrowserBinding binding;

	private final DeviceCookies devices;

	private final Clock clock;

	private final PasskeyController passkeys;

	private final RememberedSignIn remembered;

	SecondStepController(SecondStep secondStep, SessionSignIn completion, BrowserBinding binding,
			DeviceCookies devices, Clock clock, PasskeyController passkeys, RememberedSignIn remembered) {
		this.passkeys = passkeys;
		this.remembered = remembered;
		this.devices = devices;
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
		UserMethods methods = this.secondStep.methods(principal);
		if (!methods.any()) {
			return enrol(principal, methods, session, model);
		}
		if (RECOVERY.equals(method) && this.secondStep.offersRecoveryCode(principal)) {
			return VERIFY_RECOVERY;
		}
		SecondFactorKind shown = MethodNames.parse(method).filter(methods::canUse).orElse(methods.defaultMethod());
		return page(shown, methods, principal, session, model);
	}

	@PostMapping("/login/verify")
	String processCode(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		CodeCheck check;
		try {
			check = this.secondStep.check(principal, this.binding.of(request.getSession()),
					this.devices.attemptOf(request), code, locale);
		}
		catch (InvalidAccountException ex) {
			return malformed(ex, SecondFactorKind.EMAIL_CODE, principal, request.getSession(), model, response);
		}
		if (!check.accepted()) {
			return refused(check, SecondFactorKind.EMAIL_CODE, principal, request.getSession(), model, response);
		}
		return complete(request, response, authentication, SignedInWith.EMAIL_CODE,
				SignInCompletion.EMAIL_CODE_FACTOR);
	}

	@PostMapping("/login/verify/sms")
	String processSmsCode(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		CodeCheck check;
		try {
			check = this.secondStep.checkSms(principal, this.binding.of(request.getSession()),
					this.devices.attemptOf(request), code);
		}
		catch (InvalidAccountException ex) {
			return malformed(ex, SecondFactorKind.SMS_CODE, principal, request.getSession(), model, response);
		}
		catch (SmsProviderFailedException ex) {
			// the provider that checks codes itself (Twilio Verify) did not answer: no try was counted
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			model.addAttribute("codeError", CodeNotices.PROVIDER_FAILED);
			return page(SecondFactorKind.SMS_CODE, principal, request.getSession(), model);
		}
		if (!check.accepted()) {
			return refused(check, SecondFactorKind.SMS_CODE, principal, request.getSession(), model, response);
		}
		return complete(request, response, authentication, SignedInWith.SMS_CODE, SignInCompletion.SMS_CODE_FACTOR);
	}

	@PostMapping("/login/verify/app")
	String processAppCode(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		TotpCheck check;
		try {
			check = this.secondStep.checkAuthenticator(principal, this.devices.attemptOf(request), code);
		}
		catch (InvalidAccountException ex) {
			return malformed(ex, SecondFactorKind.AUTHENTICATOR_APP, principal, request.getSession(), model,
					response);
		}
		if (check != TotpCheck.ACCEPTED) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("codeError", "verify.app." + check.name().toLowerCase(Locale.ROOT));
			return page(SecondFactorKind.AUTHENTICATOR_APP, principal, request.getSession(), model);
		}
		return complete(request, response, authentication, SignedInWith.AUTHENTICATOR_APP,
				SignInCompletion.AUTHENTICATOR_FACTOR);
	}

	/**
	 * A recovery code instead of the second factor: once accepted, the user is signed in and sent to My account
	 * to review their methods; a refused one counts towards the lock like a wrong code.
	 */
	@PostMapping("/login/verify/recovery")
	String processRecoveryCode(@RequestParam(name = "recoveryCode", required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		if (!this.secondStep.offersRecoveryCode(principal)) {
			return "redirect:/login/verify";
		}
		if (!this.secondStep.checkRecoveryCode(principal, this.devices.attemptOf(request), code, locale)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("codeError", "recovery-codes.sign-in.refused");
			return VERIFY_RECOVERY;
		}
		return complete(request, response, authentication, SignedInWith.RECOVERY_CODE,
				SignInCompletion.RECOVERY_CODE_FACTOR);
	}

	/** "Send me a code by email", and "send a new code" on the email-code page. */
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
		Optional<CodeSent> sent = this.secondStep.sendCode(principal, this.binding.of(session), locale);
		if (sent.isEmpty()) {
			return "redirect:/login/verify";
		}
		CodeNotices.flash(redirect, sent.get(), this.clock);
		return "redirect:/login/verify?method=email";
	}

	/**
	 * "Send me a code by SMS", and "send a new code" on the SMS-code page. When SMS cannot go out (no provider,
	 * a cap reached) the page says so and offers the other methods; nothing is stored.
	 */
	@PostMapping("/login/verify/sms/send")
	String sendSms(Authentication authentication, HttpSession session, Locale locale, RedirectAttributes redirect) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		try {
			boolean replacing = this.secondStep.smsState(principal, this.binding.of(session)).expiresAt() != null;
			Optional<CodeSent> sent = this.secondStep.sendSms(principal, this.binding.of(session), locale);
			if (sent.isEmpty()) {
				return "redirect:/login/verify";
			}
			// "a new code, the previous one no longer works" only when there was a previous one
			if (replacing) {
				CodeNotices.flash(redirect, sent.get(), this.clock);
			}
			else {
				CodeNotices.flashRefusal(redirect, sent.get(), this.clock);
			}
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("smsProblem", CodeNotices.smsRefusal(ex));
		}
		return SMS_PAGE;
	}

	@PostMapping("/login/verify/email")
	String proposeEmail(@RequestParam(required = false) String email, Authentication authentication,
			HttpSession session, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		if (!this.secondStep.state(principal, this.binding.of(session)).needsEmail()) {
			return "redirect:/login/verify";
		}
		try {
			// the first code to this address replaces none: the page says where it went, or why it did not go
			CodeNotices.flashRefusal(redirect,
					this.secondStep.proposeEmail(principal, this.binding.of(session), email, locale), this.clock);
			return "redirect:/login/verify";
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("email", (email != null && email.length() <= 254) ? email : "");
			model.addAttribute("emailError", ex.messageKey());
			return CHOOSE_EMAIL;
		}
	}

	/**
	 * A user with no method the policy allows enrols one: a 2FA email while email codes are allowed, else an
	 * authenticator app, else a phone for SMS codes.
	 */
	private String enrol(SignInPrincipal principal, UserMethods methods, HttpSession session, Model model) {
		if (methods.allows(SecondFactorKind.EMAIL_CODE)) {
			VerifyState state = this.secondStep.state(principal, this.binding.of(session));
			if (state.needsEmail()) {
				model.addAttribute("email", state.suggestedEmail());
				return CHOOSE_EMAIL;
			}
			return page(SecondFactorKind.EMAIL_CODE, methods, principal, session, model);
		}
		if (methods.allows(SecondFactorKind.AUTHENTICATOR_APP)) {
			return "redirect:" + SignInEnrolmentController.APP;
		}
		if (methods.allows(SecondFactorKind.SMS_CODE)) {
			return "redirect:" + SignInEnrolmentController.PHONE;
		}
		if (this.passkeys.mayEnrolAtSignIn(principal)) {
			return "redirect:" + PasskeyController.ENROL;
		}
		// only SMS is allowed and no provider is configured any more: nothing can be enrolled
		return NO_METHOD;
	}

	private String page(SecondFactorKind shown, SignInPrincipal principal, HttpSession session, Model model) {
		return page(shown, this.secondStep.methods(principal), principal, session, model);
	}

	private String page(SecondFactorKind shown, UserMethods methods, SignInPrincipal principal, HttpSession session,
			Model model) {
		model.addAttribute("others",
				this.secondStep.alternatives(principal, methods, shown).stream().map(MethodNames::of).toList());
		model.addAttribute("recoveryCode", this.secondStep.offersRecoveryCode(principal));
		model.addAttribute("rememberDays", this.remembered.days());
		if (shown == SecondFactorKind.AUTHENTICATOR_APP) {
			return VERIFY_APP;
		}
		if (shown == SecondFactorKind.PASSKEY) {
			return this.passkeys.secondStepPage(principal, session, model);
		}
		String channel = MethodNames.of(shown);
		model.addAttribute("channel", channel);
		String binding = this.binding.of(session);
		CodeState code = (shown == SecondFactorKind.SMS_CODE) ? this.secondStep.smsState(principal, binding)
				: this.secondStep.state(principal, binding).code();
		model.addAttribute("codeState", code);
		if (shown == SecondFactorKind.SMS_CODE) {
			model.addAttribute("codeHelp", "verify.sms.help");
		}
		if (code.expiresAt() == null && !model.containsAttribute("refusal")) {
			this.secondStep.sendRefusal(principal, binding, shown)
				.ifPresent(refused -> CodeNotices.notSent(model, refused, this.clock));
		}
		return VERIFY;
	}

	/** Refuses a code of the wrong shape (400) as a typing mistake: no try was counted. */
	private String malformed(InvalidAccountException refusal, SecondFactorKind method, SignInPrincipal principal,
			HttpSession session, Model model, HttpServletResponse response) {
		CodeNotices.invalid(model, response, refusal);
		return page(method, principal, session, model);
	}

	private String refused(CodeCheck check, SecondFactorKind method, SignInPrincipal principal, HttpSession session,
			Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("codeError", "verify.code." + check.result().name().toLowerCase(Locale.ROOT));
		model.addAttribute("attemptsLeft", check.attemptsLeft());
		return page(method, principal, session, model);
	}

	private String complete(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
			SignedInWith method, String factor) {
		String next = this.completion.complete(request, response, authentication, method, factor);
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	private static SignInPrincipal pending(Authentication authentication) {
		return (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending()) ? principal : null;
	}

}
