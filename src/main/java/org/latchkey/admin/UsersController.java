package org.latchkey.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.Invitations;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's list of users, with search and paging, and the form that creates a user and, unless the
 * administrator unticks it, sends the invitation email in the same transaction.
 */
@Controller
class UsersController {

	static final int PAGE_SIZE = 20;

	/** No login, name or email is longer (an email may have 254 characters): longer text matches nothing. */
	static final int SEARCH_MAX = 254;

	private static final String LIST = "admin/users";

	private static final String NEW = "admin/new-user";

	private final AccountManagement accounts;

	private final Invitations invitations;

	UsersController(AccountManagement accounts, Invitations invitations) {
		this.accounts = accounts;
		this.invitations = invitations;
	}

	@GetMapping("/admin")
	String showConsole() {
		return "redirect:/admin/users";
	}

	@GetMapping("/admin/users")
	String showUsers(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			Model model, HttpServletResponse response) {
		String query = q.strip();
		if (query.length() > SEARCH_MAX) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("searchError", "admin.search.too-long");
			model.addAttribute("searchMax", SEARCH_MAX);
			return LIST;
		}
		model.addAttribute("q", query);
		model.addAttribute("users", this.accounts.search(query, page, PAGE_SIZE));
		return LIST;
	}

	@GetMapping("/admin/users/new")
	String showCreationForm(Model model) {
		model.addAttribute("form", NewUserForm.empty());
		return creationForm(model);
	}

	@PostMapping("/admin/users")
	String processCreationForm(@ModelAttribute("form") NewUserForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect, Locale locale) {
		Account created;
		try {
			created = form.sendsInvitation() ? this.invitations.inviteAndSend(form.toNewAccount(), locale)
					: this.accounts.invite(form.toNewAccount());
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			FieldErrors.show(model, ex);
			return creationForm(model);
		}
		redirect.addFlashAttribute("notice",
				form.sendsInvitation() ? "admin.user.created.invited" : "admin.user.created");
		return "redirect:/admin/users/" + created.id();
	}

	private String creationForm(Model model) {
		model.addAttribute("roles", this.accounts.roles());
		return NEW;
	}

}
