package org.latchkey.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.FirstAdministrator;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.NewAccount;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;
import org.latchkey.account.Role;
import org.latchkey.account.SetupLinkInvalidException;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The one-time page, reached from the link printed at start, that creates the first administrator. */
@Controller
class SetupController {

	private static final String FORM = "setup/form";

	private static final String CLOSED = "setup/closed";

	private final FirstAdministrator firstAdministrator;

	private final PasswordRules passwordRules;

	SetupController(FirstAdministrator firstAdministrator, PasswordRules passwordRules) {
		this.firstAdministrator = firstAdministrator;
		this.passwordRules = passwordRules;
	}

	@GetMapping("/setup")
	String showForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
		if (!this.firstAdministrator.isOpen(token)) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return CLOSED;
		}
		model.addAttribute("form", new SetupForm(token, "", "", "", ""));
		model.addAttribute("minLength", this.passwordRules.minLength());
		return FORM;
	}

	@PostMapping("/setup")
	String processForm(@ModelAttribute("form") SetupForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect, Locale locale) {
		try {
			this.firstAdministrator.create(form.token(),
					new NewAccount(form.login(), form.displayName(), form.businessEmail(), Role.ADMINISTRATOR),
					form.password());
		}
		catch (SetupLinkInvalidException ex) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return CLOSED;
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("form", new SetupForm(form.token(), form.login(), form.displayName(),
					form.businessEmail(), ""));
			FieldErrors.show(model, ex);
			if ("password".equals(ex.field())) {
				// The login and email were accepted before the password was looked at, so both are present.
				model.addAttribute("guidance", this.passwordRules.guidance(form.password(),
						new PasswordContext(form.login(), List.of(form.businessEmail())), locale));
			}
			model.addAttribute("minLength", this.passwordRules.minLength());
			return FORM;
		}
		redirect.addAttribute("created", "");
		return "redirect:/login";
	}

}
