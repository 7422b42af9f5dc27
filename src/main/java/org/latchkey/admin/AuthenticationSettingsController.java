package org.latchkey.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.session.SignedInWith;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.AllowedSecondFactors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Authentication &amp; SSO → Advanced options: the switch that turns two-factor
 * authentication on for everyone, and the methods users may use. Switching it on is confirmed on a page that shows its impact first, and
 * ends every session but SSO ones, the administrator's own included.
 */
@Controller
@RequestMapping("/admin/authentication")
class AuthenticationSettingsController {

	private static final String SETTINGS = "admin/authentication";

	private static final String CONFIRM = "admin/authentication-confirm";

	private static final String CONFIRM_OPTIONAL = "admin/authentication-optional";

	private final OrganisationPolicy policy;

	private final SignedInSessions sessions;

	private final EmailFactors emailFactors;

	private final AllowedSecondFactors methods;

	private final TwoFactorOptIns optIns;

	AuthenticationSettingsController(OrganisationPolicy policy, SignedInSessions sessions, EmailFactors emailFactors,
			AllowedSecondFactors methods, TwoFactorOptIns optIns) {
		this.optIns = optIns;
		this.methods = methods;
		this.policy = policy;
		this.sessions = sessions;
		this.emailFactors = emailFactors;
	}

	@GetMapping
	String showSettings(Model model) {
		model.addAttribute("policy", this.policy.current());
		model.addAttribute("smsProviderConfigured", this.methods.smsProviderConfigured());
		model.addAttribute("passkeyPolicy", this.policy.passkeys());
		return SETTINGS;
	}

	/** The shortest password accepted while 2FA is required, from 8 (NIST's floor inside MFA) to 15. */
	@PostMapping("/password-length")
	String processPasswordLength(@RequestParam(required = false) String length, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			// a number that does not parse, or falls outside 8 to 15, is refused the same way
			this.policy.changePasswordMinLengthWithTwoFactor(Integer.parseInt(String.valueOf(length).strip()));
		}
		catch (IllegalArgumentException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("lengthError", "admin.auth.password-length.invalid");
			return showSettings(model);
		}
		redirect.addFlashAttribute("notice", "admin.auth.password-length.saved");
		return "redirect:/admin/authentication";
	}

	/**
	 * The methods users may enrol and sign in with: at least one, and SMS codes only while an SMS provider is
	 * configured (System → Advanced Settings → 2FA) and while the authenticator app is allowed too, so that no
	 * user is left with SMS, which a SIM swap or forwarding intercepts, as their only way in (ASVS 5.0 6.6.1).
	 */
	@PostMapping("/methods")
	String processMethods(@RequestParam(name = "methods", required = false) List<String> chosen, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Set<SecondFactorKind> methods = EnumSet.noneOf(SecondFactorKind.class);
		for (SecondFactorKind method : SecondFactorKind.values()) {
			if (chosen != null && chosen.contains(method.name())) {
				methods.add(method);
			}
		}
		boolean smsProviderConfigured = this.methods.smsProviderConfigured();
		if (smsProviderConfigured && methods.contains(SecondFactorKind.SMS_CODE)
				&& !methods.contains(SecondFactorKind.AUTHENTICATOR_APP)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("methodsError", "admin.auth.methods.sms-without-app");
			return showSettings(model);
		}
		boolean changed;
		try {
			changed = this.policy.changeAllowedMethods(methods, smsProviderConfigured);
		}
		catch (IllegalArgumentException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("methodsError", methods.isEmpty() ? "admin.auth.methods.none" : "admin.auth.methods.no-sms");
			return showSettings(model);
		}
		redirect.addFlashAttribute("notice", changed ? "admin.auth.methods.saved" : "admin.auth.unchanged");
		return "redirect:/admin/authentication";
	}

	/**
	 * Turning 2FA on for everyone first shows what it will do, and so does making it optional: who turned it on
	 * for themselves, and will be asked for a second factor, and that nobody else will. Turning it off is at
	 * once.
	 */
	@PostMapping("/two-factor")
	String processTwoFactor(@RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(defaultValue = "false") boolean selfService,
			@RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		if (!enabled) {
			TwoFactorMode mode = selfService ? TwoFactorMode.OPTIONAL : TwoFactorMode.OFF;
			if (mode == TwoFactorMode.OPTIONAL && !confirmed
					&& this.policy.current().twoFactorMode() != TwoFactorMode.OPTIONAL) {
				model.addAttribute("usersAsked", this.optIns.countActive());
				model.addAttribute("policy", this.policy.current());
				return CONFIRM_OPTIONAL;
			}
			boolean changed = this.policy.changeTwoFactorMode(mode);
			redirect.addFlashAttribute("notice", !changed ? "admin.auth.unchanged"
					: (mode == TwoFactorMode.OPTIONAL) ? "admin.auth.optional" : "admin.auth.disabled");
			return "redirect:/admin/authentication";
		}
		if (this.policy.current().twoFactorRequired()) {
			redirect.addFlashAttribute("notice", "admin.auth.unchanged");
			return "redirect:/admin/authentication";
		}
		if (!confirmed) {
			model.addAttribute("sessionsToEnd", this.sessions.countAllExcept(SignedInWith.SSO));
			model.addAttribute("ssoSessionsKept", this.sessions.countWith(SignedInWith.SSO));
			model.addAttribute("usersWithoutEmail", this.emailFactors.countActiveAccountsWithout());
			return CONFIRM;
		}
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		// this session was ended with all the others: forget it here too, so the end of this request does not
		// write it back
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/login?ended=two_factor_enabled";
	}

}
