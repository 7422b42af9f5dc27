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
import org.latchkey.selfservice.PhoneSetup;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsProviderFailedException;
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
 * My account → phone number → Save (confirmed with an SMS code while SMS codes are allowed), and "Configure
 * 2FA" → SMS, after which the user is signed out everywhere and the next sign-in asks for a code.
 */
@Controller
@RequestMapping("/account/phone")
class PhoneController {

	private static final String PAGE = "account/phone";

	private static final String STEP = "redirect:/account/phone";

	private static final int TYPED_MAX = 40;

	private final PhoneSetup phones;

	private final SessionRenewal renewal;

	private final Clock clock;

	private final BrowserBinding binding;

	PhoneController(PhoneSetup phones, SessionRenewal renewal, Clock clock, BrowserBinding binding) {
		this.binding = binding;
		this.phones = phones;
		this.renewal = renewal;
		this.clock = clock;
	}

	@GetMapping
	String showPhone(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("phone", this.phones.current(principal).orElse(null));
		model.addAttribute("mayChange", this.phones.mayChange(principal, this.binding.browser(session)));
		model.addAttribute("confirmsBySms", this.phones.confirmsBySms());
		this.phones.pendingCode(principal, this.binding.browser(session))
			.ifPresent(code -> model.addAttribute("codeState", code));
		return PAGE;
	}

	@PostMapping
	String save(@RequestParam(required = false) String phone, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, Locale locale, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			Optional<CodeSent> sent = this.phones.save(principal, this.binding.browser(session), phone, locale);
			if (sent.isEmpty()) {
				redirect.addFlashAttribute("notice", "phone.saved");
				return "redirect:/account";
			}
			CodeNotices.flashRefusal(redirect, sent.get(), this.clock);
			return STEP;
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("step".equals(ex.field()) ? "problem" : "phoneError", ex.messageKey());
			model.addAttribute("typed", (phone != null && phone.length() <= TYPED_MAX) ? phone : "");
			return showPhone(principal, session, model);
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("problem", CodeNotices.smsRefusal(ex));
			return STEP;
		}
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(required = false) String code, @AuthenticationPrincipal SignInPrincipal principal,
			HttpServletRequest request, HttpSession session, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		CodeCheck check;
		try {
			check = this.phones.confirm(principal, this.binding.browser(session), code);
		}
		catch (InvalidAccountException ex) {
			CodeNotices.invalid(model, response, ex);
			return showPhone(principal, session, model);
		}
		catch (SmsProviderFailedException ex) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			model.addAttribute("codeError", CodeNotices.PROVIDER_FAILED);
			return showPhone(principal, session, model);
		}
		if (!check.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			CodeNotices.refusal(model, check);
			return showPhone(principal, session, model);
		}
		// the new number is a sensitive change made: a new session id, after its transaction
		this.renewal.renew(request);
		redirect.addFlashAttribute("notice", "phone.confirmed");
		return "redirect:/account";
	}

	@PostMapping("/resend")
	String resend(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Locale locale,
			RedirectAttributes redirect) {
		try {
			this.phones.resend(principal, this.binding.browser(session), locale)
				.ifPresent(sent -> CodeNotices.flash(redirect, sent, this.clock));
		}
		catch (SmsUnavailableException | SmsLimitReachedException ex) {
			redirect.addFlashAttribute("problem", CodeNotices.smsRefusal(ex));
		}
		return STEP;
	}

	/** "Configure 2FA" → SMS codes to the confirmed number, asked first; the session goes on. */
	@PostMapping("/use-for-codes")
	String useForCodes(@AuthenticationPrincipal SignInPrincipal principal, RedirectAttributes redirect) {
		if (this.phones.useForCodes(principal)) {
			redirect.addFlashAttribute("notice", "configure.sms.default");
		}
		else {
			redirect.addFlashAttribute("problem", "phone.cannot-use");
		}
		return "redirect:/account/two-factor";
	}

}
