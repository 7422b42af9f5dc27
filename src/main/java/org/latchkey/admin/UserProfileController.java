package org.latchkey.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountNotFoundException;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.Invitations;
import org.latchkey.account.TemporaryPassword;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.Enrolments;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.recovery.AdministratorResets;
import org.latchkey.recovery.PasskeyRemovals;
import org.latchkey.secret.TokenHasher;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSession;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.system.FieldErrors;
import org.latchkey.system.Masks;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's profile in the console: edit the name, email and role, disable and enable the account, unlock
 * it after failed sign-ins, send an invited user a new invitation email, and in its "Login" section reset
 * the password (a reset email or a temporary password) or the 2FA email, or remove one of the user's second
 * factors; list the user's open sessions and end them; delete the user. An administrator may neither delete nor
 * disable their own account nor give up
 * their own administrator role, so that the console always keeps someone who can use it; nor reset their own
 * login, which My account is for.
 */
@Controller
@RequestMapping("/admin/users/{id}")
class UserProfileController {

	private static final String PROFILE = "admin/user";

	private static final String TEMPORARY_PASSWORD = "admin/temporary-password";

	private final AccountManagement accounts;

	private final Invitations invitations;

	private final AdministratorResets resets;

	private final EmailFactors emailFactors;

	private final Enrolments enrolments;

	private final SignInThrottle throttle;

	private final SignedInSessions sessions;

	private final TokenHasher hasher;

	private final AuditLog audit;

	private final PasskeyRemovals passkeys;

	UserProfileController(AccountManagement accounts, Invitations invitations, AdministratorResets resets,
			EmailFactors emailFactors, Enrolments enrolments, SignInThrottle throttle, SignedInSessions sessions,
			TokenHasher hasher, AuditLog audit, PasskeyRemovals passkeys) {
		this.sessions = sessions;
		this.hasher = hasher;
		this.audit = audit;
		this.passkeys = passkeys;
		this.enrolments = enrolments;
		this.throttle = throttle;
		this.accounts = accounts;
		this.invitations = invitations;
		this.resets = resets;
		this.emailFactors = emailFactors;
	}

	@GetMapping
	String showProfile(@PathVariable long id, @AuthenticationPrincipal SignInPrincipal admin, Model model) {
		Account account = existing(id);
		model.addAttribute("form", UserDetailsForm.of(account));
		return profile(account, admin, model);
	}

	@PostMapping
	String processDetails(@PathVariable long id, @ModelAttribute("form") UserDetailsForm form,
			@AuthenticationPrincipal SignInPrincipal admin, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Account account = existing(id);
		if (id == admin.accountId() && !form.keepsAdministratorRole()) {
			return refused(account, admin, new InvalidAccountException("role", "admin.user.self-demotion"), model,
					response);
		}
		try {
			this.accounts.update(id, form.toDetails());
		}
		catch (InvalidAccountException ex) {
			return refused(account, admin, ex, model, response);
		}
		return done(id, "admin.user.saved", redirect);
	}

	@PostMapping("/disable")
	String disable(@PathVariable long id, @AuthenticationPrincipal SignInPrincipal admin, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (id == admin.accountId()) {
			Account account = existing(id);
			model.addAttribute("form", UserDetailsForm.of(account));
			return refused(account, admin, new InvalidAccountException("status", "admin.user.self-disable"), model,
					response);
		}
		boolean changed = this.accounts.disable(id);
		return done(id, changed ? "admin.user.disabled" : "admin.user.unchanged", redirect);
	}

	@PostMapping("/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		boolean changed = this.accounts.enable(id);
		return done(id, changed ? "admin.user.enabled" : "admin.user.unchanged", redirect);
	}

	/** Ends a lock after failed sign-ins, for every browser of the user, and clears their counts. */
	@PostMapping("/unlock")
	String unlock(@PathVariable long id, RedirectAttributes redirect) {
		Account account = existing(id);
		boolean locked = this.throttle.unlock(id, account.login());
		return done(id, locked ? "admin.user.unlocked" : "admin.user.unlock.none", redirect);
	}

	/** A new link voids the earlier ones, so an invitation that went astray stops working. */
	@PostMapping("/invitation")
	String sendInvitation(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		boolean sent = this.invitations.send(id, locale);
		return done(id, sent ? "admin.user.invitation.sent" : "admin.user.invitation.not-invited", redirect);
	}

	@PostMapping("/password-reset/email")
	String sendResetEmail(@PathVariable long id, @AuthenticationPrincipal SignInPrincipal admin, Model model,
			HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
		try {
			this.resets.sendResetEmail(id, admin.accountId(), locale);
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		return done(id, "password-reset.admin.email-sent", redirect);
	}

	/** The password is shown on the answer to this request and nowhere else: no redirect, no copy kept. */
	@PostMapping("/password-reset/temporary")
	String issueTemporaryPassword(@PathVariable long id, @AuthenticationPrincipal SignInPrincipal admin, Model model,
			HttpServletResponse response, Locale locale) {
		TemporaryPassword issued;
		try {
			issued = this.resets.issueTemporaryPassword(id, admin.accountId(), locale);
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		model.addAttribute("account", existing(id));
		model.addAttribute("temporary", issued);
		return TEMPORARY_PASSWORD;
	}

	@PostMapping("/two-factor-email/reset")
	String resetTwoFactorEmail(@PathVariable long id, @AuthenticationPrincipal SignInPrincipal admin, Model model,
			HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
		boolean reset;
		try {
			reset = this.resets.resetTwoFactorEmail(id, admin.accountId(), locale);
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		return done(id, reset ? "password-reset.admin.two-factor-reset" : "password-reset.admin.two-factor-none",
				redirect);
	}

	/** Removes one passkey the user lost; audited, the user's sessions end and they are told by email. */
	@PostMapping("/passkeys/remove")
	String removePasskey(@PathVariable long id, @RequestParam(required = false) Long passkey,
			@AuthenticationPrincipal SignInPrincipal admin, Model model, HttpServletResponse response,
			RedirectAttributes redirect, Locale locale) {
		boolean removed;
		try {
			removed = passkey != null && this.passkeys.remove(id, passkey, admin.accountId(), locale);
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		return done(id, removed ? "admin.user.passkeys.removed" : "admin.user.unchanged", redirect);
	}

	/** Removes a second factor the user lost; they use another, or enrol again, at their next sign-in. */
	@PostMapping("/methods/remove")
	String removeMethod(@PathVariable long id, @RequestParam(required = false) String method,
			@AuthenticationPrincipal SignInPrincipal admin, Model model, HttpServletResponse response,
			RedirectAttributes redirect, Locale locale) {
		Optional<SecondFactorKind> chosen = Arrays.stream(SecondFactorKind.values())
			.filter(candidate -> candidate.name().equals(method))
			.findFirst();
		boolean removed;
		try {
			removed = chosen.isPresent() && this.resets.removeMethod(id, chosen.get(), admin.accountId(), locale);
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		return done(id, removed ? "admin.user.method-removed" : "admin.user.unchanged", redirect);
	}

	/**
	 * Ends one of the user's sessions, named by the reference the profile's list gave it (a keyed hash of the
	 * session's id and the account's, from which the id cannot be found), on every node; audited.
	 */
	@PostMapping("/sessions/end")
	String endSession(@PathVariable long id, @RequestParam(defaultValue = "") String session,
			RedirectAttributes redirect) {
		Account account = existing(id);
		Optional<SignedInSession> named = this.sessions.listOf(id)
			.stream()
			.filter(candidate -> this.hasher.matches(sessionToken(id, candidate), session))
			.findFirst();
		int ended = named.map(found -> this.sessions.endOneOf(id, found.id(), EndReason.ADMINISTRATOR)).orElse(0);
		if (ended > 0) {
			this.audit.record(AdminAuditEvent.SESSIONS_ENDED, AuditOutcome.SUCCESS, id, account.login(),
					"one session");
		}
		return done(id, (ended > 0) ? "console.sessions.ended-one" : "console.sessions.not-found", redirect);
	}

	/** Ends every session of the user, on every node; audited. */
	@PostMapping("/sessions/end-all")
	String endAllSessions(@PathVariable long id, RedirectAttributes redirect) {
		Account account = existing(id);
		int ended = this.sessions.endAllOf(id, EndReason.ADMINISTRATOR);
		this.audit.record(AdminAuditEvent.SESSIONS_ENDED, AuditOutcome.SUCCESS, id, account.login(),
				"all sessions (" + ended + " ended)");
		return done(id, "console.sessions.ended-all", redirect);
	}

	/**
	 * Deletes the user for good, once the administrator typed its login to confirm: its second factors,
	 * sessions, links and applications' tokens go with it, its audit trail stays under the login. Neither
	 * one's own account nor the last active administrator can be deleted.
	 */
	@PostMapping("/delete")
	String delete(@PathVariable long id, @RequestParam(defaultValue = "") String confirmation,
			@AuthenticationPrincipal SignInPrincipal admin, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Account account = existing(id);
		try {
			if (!account.login().equals(confirmation.strip())) {
				throw new InvalidAccountException("delete", "console.delete.confirmation");
			}
			this.accounts.delete(id, admin.accountId());
		}
		catch (InvalidAccountException ex) {
			return refusedReset(id, admin, ex, model, response);
		}
		redirect.addFlashAttribute("notice", "console.delete.done");
		redirect.addFlashAttribute("deletedLogin", account.login());
		return "redirect:/admin/users";
	}

	private static String sessionToken(long accountId, SignedInSession session) {
		return "admin-session/" + accountId + "/" + session.id();
	}

	private String refusedReset(long id, SignInPrincipal admin, InvalidAccountException ex, Model model,
			HttpServletResponse response) {
		Account account = existing(id);
		model.addAttribute("form", UserDetailsForm.of(account));
		return refused(account, admin, ex, model, response);
	}

	private Account existing(long id) {
		return this.accounts.findById(id).orElseThrow(() -> new AccountNotFoundException(id));
	}

	private String profile(Account account, SignInPrincipal admin, Model model) {
		boolean self = account.id() == admin.accountId();
		model.addAttribute("account", account);
		model.addAttribute("self", self);
		model.addAttribute("roles", this.accounts.roles());
		model.addAttribute("resettable", !self && account.status() == AccountStatus.ACTIVE);
		model.addAttribute("twoFactorEmail", this.emailFactors.addressOf(account.id()).map(Masks::email).orElse(null));
		model.addAttribute("methods", this.enrolments.of(account.id()));
		model.addAttribute("passkeys", this.passkeys.of(account.id()));
		model.addAttribute("lock", this.throttle.accountLock(account.id()).orElse(null));
		model.addAttribute("failures", this.throttle.failuresOf(account.id()));
		model.addAttribute("sessions", this.sessions.listOf(account.id())
			.stream()
			.map(session -> new ListedSession(this.hasher.hash(sessionToken(account.id(), session)), session))
			.toList());
		return PROFILE;
	}

	private String refused(Account account, SignInPrincipal admin, InvalidAccountException ex, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		FieldErrors.show(model, ex);
		return profile(account, admin, model);
	}

	/** One of the user's open sessions as the profile lists it, with the reference its form names it by. */
	record ListedSession(String reference, SignedInSession session) {
	}

	private static String done(long id, String notice, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/admin/users/" + id;
	}

}
