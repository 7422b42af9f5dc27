package org.latchkey.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.Account;
import org.latchkey.account.AccountRules;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;
import org.latchkey.recovery.PasswordResets;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Resetting a forgotten password: {@code /password-reset} asks for a login or business email and gives the
 * same answer whatever it names; {@code /password-reset/choose} is where a reset link leads, to choose the new
 * password. While 2FA is required, asking is closed and the page says that an administrator resets passwords;
 * a link an administrator sent still works.
 */
@Controller
class PasswordResetController {

	private static final String REQUEST = "password-reset/request";

	private static final String ADMINISTRATOR = "password-reset/administrator";

	private static final String CHOOSE = "password-reset/choose";

	private static final String INVALID = "password-reset/invalid";

	private static final int LOGIN_SHOWN_MAX = 254;

	private final PasswordResets resets;

	private final PasswordRules passwordRules;

	PasswordResetController(PasswordResets resets, PasswordRules passwordRules) {
		this.resets = resets;
		this.passwordRules = passwordRules;
	}

	@GetMapping("/password-reset")
	String showRequestForm(Model model) {
		if (!this.resets.selfServiceOpen()) {
			return ADMINISTRATOR;
		}
		model.addAttribute("login", "");
		return REQUEST;
	}

	@PostMapping("/password-reset")
	String processRequest(@RequestParam(required = false) String login, Model model, HttpServletResponse response,
			Locale locale) {
		try {
			if (!this.resets.request(login, locale)) {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				return ADMINISTRATOR;
			}
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			boolean shown = login != null && login.length() <= LOGIN_SHOWN_MAX && AccountRules.printable(login);
			model.addAttribute("login", shown ? login : "");
			model.addAttribute("loginError", ex.messageKey());
			return REQUEST;
		}
		return "redirect:/password-reset/sent";
	}

	@GetMapping("/password-reset/sent")
	String showSent() {
		return this.resets.selfServiceOpen() ? "password-reset/sent" : ADMINISTRATOR;
	}

	@GetMapping("/password-reset/choose")
	String showChoiceForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
		Optional<Account> account = this.resets.open(token);
		if (account.isEmpty()) {
			return invalid(model, response);
		}
		return choiceForm(token, account.get(), model);
	}

	@PostMapping("/password-reset/choose")
	String processChoice(@RequestParam(required = false) String token,
			@RequestParam(required = false) String password, Model model, HttpServletResponse response,
			Locale locale) {
		try {
			if (!this.resets.complete(token, password, locale)) {
				return invalid(model, response);
			}
		}
		catch (InvalidAccountException ex) {
			// the refusal rolled everything back: the link is still live
			Optional<Account> account = this.resets.open(token);
			if (account.isEmpty()) {
				return invalid(model, response);
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			FieldErrors.show(model, ex);
			model.addAttribute("guidance", this.passwordRules.guidance(password, contextOf(account.get()), locale));
			return choiceForm(token, account.get(), model);
		}
		return "redirect:/login?reset";
	}

	private String choiceForm(String token, Account account, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("login", account.login());
		model.addAttribute("minLength", this.passwordRules.minLength());
		return CHOOSE;
	}

	private String invalid(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("selfServiceReset", this.resets.selfServiceOpen());
		return INVALID;
	}

	static PasswordContext contextOf(Account account) {
		return new PasswordContext(account.login(), List.of(account.businessEmail()));
	}

}
