package org.latchkey.admin;

import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.PasskeyPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Authentication → Passkeys: sign-in with a passkey alone, and the requirement of a
 * phishing-resistant method (a passkey) for administrators. Either needs passkeys among the allowed methods;
 * the requirement also needs a passkey on the administrator's own account, so that switching it on cannot
 * lock out the one who does.
 */
@Controller
class PasskeySettingsController {

	private static final String SETTINGS = "redirect:/admin/authentication";

	private final OrganisationPolicy policy;

	private final AllowedSecondFactors methods;

	PasskeySettingsController(OrganisationPolicy policy, AllowedSecondFactors methods) {
		this.policy = policy;
		this.methods = methods;
	}

	@PostMapping("/admin/authentication/passkeys")
	String processPasskeys(@RequestParam(defaultValue = "false") boolean withoutPassword,
			@RequestParam(defaultValue = "false") boolean administrators,
			@AuthenticationPrincipal SignInPrincipal principal, RedirectAttributes redirect) {
		if ((withoutPassword || administrators) && !this.methods.allows(SecondFactorKind.PASSKEY)) {
			redirect.addFlashAttribute("passkeysError", "admin.auth.passkeys.not-allowed");
			return SETTINGS;
		}
		if (administrators && !this.policy.passkeys().administratorsNeedPasskey()
				&& !this.methods.of(principal.accountId()).canUse(SecondFactorKind.PASSKEY)) {
			redirect.addFlashAttribute("passkeysError", "admin.auth.passkeys.own-passkey-first");
			return SETTINGS;
		}
		boolean changed = this.policy.changePasskeys(new PasskeyPolicy(withoutPassword, administrators));
		redirect.addFlashAttribute("notice", changed ? "admin.auth.passkeys.saved" : "admin.auth.unchanged");
		return SETTINGS;
	}

}
