package org.latchkey.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.Account;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.Invitations;
import org.latchkey.account.LinkPurpose;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordRules;
import org.latchkey.secret.SecretCipher;
import org.latchkey.signin.FirstLogin;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.system.FieldErrors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * First login, reached from the "First login" button of the sign-in page: {@code /first-login} asks for the
 * first-login email, whose link opens {@code /first-login/start}, where the person chooses a password and a
 * 2FA email before the code page. The link's token leaves the address bar at once: the first visit moves it
 * into the session and redirects to the same page without it, so it stays in no history and no form.
 */
@Controller
class FirstLoginController {

	private static final String TOKEN = "latchkey.first-login.token";

	private static final String REQUEST = "first-login/request";

	private static final String CHOOSE = "first-login/choose";

	private static final String NOT_VALID = "first-login/not-valid";

	/** A longer token was not made by Latchkey (they have 43 characters): it is not kept in the session. */
	private static final int TOKEN_MAX = 100;

	private static final int EMAIL_SHOWN_MAX = 254;

	private final Invitations invitations;

	private final FirstLogin firstLogin;

	private final PasswordRules passwordRules;

	private final SecretCipher cipher;

	private final SessionRenewal renewal;

	private final SessionSignIn signIn;

	private final BrowserBinding binding;

	FirstLoginController(Invitations invitations, FirstLogin firstLogin, PasswordRules passwordRules,
			SecretCipher cipher, SessionRenewal renewal, SessionSignIn signIn, BrowserBinding binding) {
		this.cipher = cipher;
		this.renewal = renewal;
		this.signIn = signIn;
		this.binding = binding;
		this.invitations = invitations;
		this.firstLogin = firstLogin;
		this.passwordRules = passwordRules;
	}

	@GetMapping("/first-login")
	String showRequest(Model model) {
		model.addAttribute("identifier", "");
		return request(model);
	}

	/** The answer is the same whatever the value matched; only a well-formed value is looked for. */
	@PostMapping("/first-login")
	String processRequest(@RequestParam(required = false) String identifier, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			this.invitations.request(identifier, locale);
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("identifier", (identifier != null && identifier.length() <= EMAIL_SHOWN_MAX)
					? identifier : "");
			model.addAttribute("identifierError", ex.messageKey());
			return request(model);
		}
		redirect.addFlashAttribute("sent", true);
		return "redirect:/first-login";
	}

	@GetMapping("/first-login/start")
	String showChoice(@RequestParam(required = false) String token, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		HttpSession session = request.getSession();
		if (token != null) {
			session.removeAttribute(TOKEN);
			if (token.length() > TOKEN_MAX || this.invitations.invitedAccount(token).isEmpty()) {
				return notValid(response, model);
			}
			// whoever knew the session id before (one planted in this browser) must not find the token in it
			this.renewal.renew(request);
			// sessions are stored in the database: the live token is kept there encrypted, as every secret is
			request.getSession().setAttribute(TOKEN, this.cipher.seal(token));
			return "redirect:/first-login/start";
		}
		Account account = invitedAccount(session);
		if (account == null) {
			return notValid(response, model);
		}
		model.addAttribute("email", account.businessEmail());
		return choice(account, model);
	}

	@PostMapping("/first-login/start")
	String processChoice(@RequestParam(required = false) String password,
			@RequestParam(required = false) String email, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		HttpSession session = request.getSession();
		String token = (session.getAttribute(TOKEN) instanceof String sealed) ? this.cipher.open(sealed) : null;
		try {
			// the code goes out bound to the new session the browser is about to get
			String binding = this.binding.fresh();
			Optional<Authentication> pending = this.firstLogin.complete(token, password, email, binding, locale);
			if (pending.isEmpty()) {
				session.removeAttribute(TOKEN);
				return notValid(response, model);
			}
			if (!((SignInPrincipal) pending.get().getPrincipal()).isSecondFactorPending()) {
				return "redirect:" + this.signIn.startWithPasswordAlone(request, response, pending.get(), binding);
			}
			this.signIn.startPending(request, response, pending.get(), binding);
		}
		catch (InvalidAccountException ex) {
			Account account = this.invitations.invitedAccount(token).orElse(null);
			if (account == null) {
				return notValid(response, model);
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			String shownEmail = (email != null && email.length() <= EMAIL_SHOWN_MAX) ? email : "";
			model.addAttribute("email", shownEmail);
			FieldErrors.show(model, ex);
			if ("password".equals(ex.field())) {
				List<String> emails = new ArrayList<>(List.of(account.businessEmail()));
				if (!shownEmail.isBlank()) {
					emails.add(shownEmail);
				}
				model.addAttribute("guidance", this.passwordRules.guidance(password,
						new PasswordContext(account.login(), emails), locale));
			}
			return choice(account, model);
		}
		return "redirect:/login/verify";
	}

	private Account invitedAccount(HttpSession session) {
		if (!(session.getAttribute(TOKEN) instanceof String sealed)) {
			return null;
		}
		Account account = this.invitations.invitedAccount(this.cipher.open(sealed)).orElse(null);
		if (account == null) {
			session.removeAttribute(TOKEN);
		}
		return account;
	}

	private String request(Model model) {
		model.addAttribute("hours", LinkPurpose.ACCOUNT_INITIALISATION.lifetime().toHours());
		return REQUEST;
	}

	private String choice(Account account, Model model) {
		model.addAttribute("login", account.login());
		model.addAttribute("minLength", this.passwordRules.minLength());
		model.addAttribute("emailOptional", this.firstLogin.emailOptional());
		return CHOOSE;
	}

	private static String notValid(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.GONE.value());
		model.addAttribute("hours", LinkPurpose.ACCOUNT_INITIALISATION.lifetime().toHours());
		return NOT_VALID;
	}

}
