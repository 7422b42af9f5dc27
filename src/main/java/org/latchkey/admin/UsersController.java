package org.latchkey.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountPage;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.Invitations;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.audit.AuditStatistics;
import org.latchkey.factor.EnrolmentCounts;
import org.latchkey.signin.SignInEvent;
import org.latchkey.system.Paged;
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
 * The console's list of users, with search, filters and paging, and the form that creates a user and, unless the
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

	private final EnrolmentCounts enrolments;

	private final AuditStatistics statistics;

	UsersController(AccountManagement accounts, Invitations invitations, EnrolmentCounts enrolments,
			AuditStatistics statistics) {
		this.enrolments = enrolments;
		this.statistics = statistics;
		this.accounts = accounts;
		this.invitations = invitations;
	}

	/**
	 * The list, searched by login, name or email and filtered by role, status and whether a user has a second
	 * factor yet ({@code twoFactor=none}); a value a filter does not know leaves that filter off. Each row shows
	 * the user's second factors and when they last signed in (as the audit log remembers it).
	 */
	@GetMapping("/admin/users")
	String showUsers(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "") String twoFactor, @RequestParam(defaultValue = "") String role,
			@RequestParam(defaultValue = "") String status, Model model, HttpServletResponse response) {
		String query = q.strip();
		UsersFilter filter = UsersFilter.of(twoFactor, role, status);
		model.addAttribute("filter", filter);
		model.addAttribute("roles", this.accounts.roles());
		model.addAttribute("statuses", AccountStatus.values());
		if (query.length() > SEARCH_MAX) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("searchError", "admin.search.too-long");
			model.addAttribute("searchMax", SEARCH_MAX);
			return LIST;
		}
		model.addAttribute("q", query);
		List<Long> ids = this.accounts.searchIds(query, filter.chosenRole(), filter.chosenStatus());
		if (filter.withoutTwoFactor()) {
			Set<Long> enrolled = this.enrolments.enrolledIds();
			ids = ids.stream().filter(id -> !enrolled.contains(id)).toList();
		}
		int shown = Paged.nearest(page, PAGE_SIZE, ids.size());
		List<Long> shownIds = ids.subList(Math.min(shown * PAGE_SIZE, ids.size()),
				Math.min((shown + 1) * PAGE_SIZE, ids.size()));
		model.addAttribute("users", new AccountPage(this.accounts.findAllById(shownIds), shown, PAGE_SIZE, ids.size()));
		model.addAttribute("methods", this.enrolments.of(shownIds));
		model.addAttribute("lastSignIns",
				this.statistics.lastOccurrences(SignInEvent.SIGN_IN, AuditOutcome.SUCCESS, shownIds));
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
