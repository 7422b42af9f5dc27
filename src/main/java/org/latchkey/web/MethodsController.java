package org.latchkey.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.selfservice.MethodChange;
import org.latchkey.selfservice.MethodChange.Action;
import org.latchkey.selfservice.MethodChange.Pending;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account → 2FA methods: set the default, remove a method, replace the app, change the phone. Each starts
 * a change that a fresh code confirms on {@code /account/methods/confirm}, from the app or sent by email or SMS,
 * whichever the user picks among the methods they may use.
 */
@Controller
@RequestMapping("/account/methods")
class MethodsController {

	private static final String PAGE = "account/method-confirm";

	private static final String CONFIRM = "redirect:/account/methods/confirm";

	private final MethodChange change;

	private final SessionRenewal renewal;

	private final Clock clock;

	private final BrowserBinding binding;

	MethodsController(MethodChange change, SessionRenewal renewal, Clock clock, BrowserBinding binding) {
		this.binding = binding;
		this.change = change;
		this.renewal = renewal;
		this.clock = clock;
	}

	@PostMapping("/default")
	String setDefault(@RequestParam(required = false) String method, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, RedirectAttributes redirect) {
		return start(Action.SET_DEFAULT, method, principal, session, redirect);
	}

	@PostMapping("/remove")
	String remove(@RequestParam(required = false) String method, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, RedirectAttributes redirect) {
		return start(Action.REMOVE, method, principal, session, redirect);
	}

	@PostMapping("/replace-app")
	String replaceApp(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session,
			RedirectAttributes redirect) {
		return start(Action.REPLACE_APP, null, principal, session, redirect);
	}

	@PostMapping("/add-app")
	String addApp(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session,
			RedirectAttributes redirect) {
		return start(Action.ADD_APP, null, principal, session, redirect);
	}

	@PostMapping("/new-recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session,
			RedirectAttributes redirect) {
		return start(Action.NEW_RECOVERY_CODES, null, principal, session, redirect);
	}

	@PostMapping("/change-phone")
	String changePhone(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session,
			RedirectAttributes redirect) {
		return start(Action.CHANGE_PHONE, null, principal, session, redirect);
	}

	@GetMapping("/confirm")
	String showConfirm(@RequestParam(required = false) String via, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, Model model) {
		if (this.change.pending(principal, this.binding.browser(session)).isEmpty()) {
			return "redirect:/account";
		}
		return page(MethodNames.parse(via), principal, session, model);
	}

	@PostMapping("/confirm/send")
	String sendCode(@RequestParam(required = false) String via, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, Locale locale, RedirectAttributes redirect) {
		Optional<SecondFactorKind> method = MethodNames.parse(via);
		try {
			method.flatMap(chosen -> this.change.sendCode(principal, this.binding.browser(session), chosen, locale))
				.ifPresent(sent -> CodeNotices.flash(redirect, sent, this.clock));
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("problem", CodeNotices.smsRefusal(ex));
		}
		return CONFIRM + "?via=" + method.map(MethodNames::of).orElse("");
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(required = false) String via, @RequestParam(required = false) String code,
			@AuthenticationPrincipal SignInPrincipal principal, HttpServletRequest request, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Optional<SecondFactorKind> method = MethodNames.parse(via);
		Optional<Pending> pending = this.change.pending(principal, this.binding.browser(session));
		MethodChange.Proof proof;
		try {
			proof = this.change.confirm(principal, this.binding.browser(session), method.orElse(null), code);
		}
		catch (InvalidAccountException ex) {
			if (this.change.pending(principal, this.binding.browser(session)).isEmpty()) {
				// no change waits (any more): My account says why
				redirect.addFlashAttribute("problem", ex.messageKey());
				return "redirect:/account";
			}
			CodeNotices.invalid(model, response, ex);
			return page(method, principal, session, model);
		}
		if (!proof.done()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			if (proof.app() != null) {
				model.addAttribute("codeError", "verify.app." + proof.app().name().toLowerCase(Locale.ROOT));
			}
			else {
				CodeNotices.refusal(model, proof.code());
			}
			return page(method, principal, session, model);
		}
		// a step-up: a new session id, after the change's transaction (the session store takes its own connection)
		this.renewal.renew(request);
		Action action = pending.map(Pending::action).orElseThrow();
		return switch (action) {
			case REPLACE_APP, ADD_APP -> "redirect:/account/authenticator";
			case CHANGE_PHONE -> "redirect:/account/phone";
			case NEW_RECOVERY_CODES -> "redirect:" + RecoveryCodePrompts.NEW_SET_PAGE;
			case END_SESSIONS -> {
				redirect.addFlashAttribute("notice", "sessions.confirmed");
				yield "redirect:/account/sessions";
			}
			default -> {
				redirect.addFlashAttribute("notice", (action == Action.REMOVE) ? "methods.removed" : "methods.default-set");
				yield "redirect:/account";
			}
		};
	}

	private String start(Action action, String method, SignInPrincipal principal, HttpSession session,
			RedirectAttributes redirect) {
		try {
			boolean mustConfirm = this.change.start(principal, this.binding.browser(session), action,
					MethodNames.parse(method).orElse(null));
			return mustConfirm ? CONFIRM : "redirect:/account/phone";
		}
		catch (InvalidAccountException ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			return "redirect:/account";
		}
	}

	/** The confirmation page: the code from {@code via}, or from the default method when none is chosen. */
	private String page(Optional<SecondFactorKind> via, SignInPrincipal principal, HttpSession session,
			Model model) {
		UserMethods methods = this.change.methods(principal);
		// a code confirms these changes: a passkey proves itself through the sign-in's step-up instead
		SecondFactorKind shown = via.filter(methods::canUse)
			.filter(method -> method != SecondFactorKind.PASSKEY)
			.orElse(methods.besides(SecondFactorKind.PASSKEY).stream().findFirst().orElse(null));
		model.addAttribute("pending", this.change.pending(principal, this.binding.browser(session)).orElse(null));
		model.addAttribute("via", (shown != null) ? MethodNames.of(shown) : null);
		model.addAttribute("others", methods.besides(shown)
			.stream()
			.filter(method -> method != SecondFactorKind.PASSKEY)
			.map(MethodNames::of)
			.toList());
		if (shown != null && shown != SecondFactorKind.AUTHENTICATOR_APP) {
			model.addAttribute("codeState", this.change.codeState(principal, this.binding.browser(session), shown));
		}
		return PAGE;
	}

}
