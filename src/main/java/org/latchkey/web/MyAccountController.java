package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.PhoneNumbers;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.selfservice.OwnTwoFactor;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My account", where a signed-in user sees their login information, phone number and second factors, and
 * reaches the pages that change them; and "Configure 2FA", which offers the methods the organisation allows
 * and, while 2FA is optional, turns it on for the user.
 */
@Controller
class MyAccountController {

	private final AccountManagement accounts;

	private final EmailFactors emailFactors;

	private final PhoneNumbers phones;

	private final AllowedSecondFactors methods;

	private final OrganisationPolicy policy;

	private final OwnTwoFactor ownTwoFactor;

	MyAccountController(AccountManagement accounts, EmailFactors emailFactors, PhoneNumbers phones,
			AllowedSecondFactors methods, OrganisationPolicy policy, OwnTwoFactor ownTwoFactor) {
		this.ownTwoFactor = ownTwoFactor;
		this.accounts = accounts;
		this.emailFactors = emailFactors;
		this.phones = phones;
		this.methods = methods;
		this.policy = policy;
	}

	@GetMapping("/account")
	String showAccount(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		model.addAttribute("account", this.accounts.findById(principal.accountId()).orElseThrow());
		describe(principal, model);
		return "account/index";
	}

	@GetMapping("/account/two-factor")
	String showConfigure(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		model.addAttribute("twoFactorOff", mode == TwoFactorMode.OFF);
		model.addAttribute("optional", mode == TwoFactorMode.OPTIONAL);
		model.addAttribute("turnedOn", this.ownTwoFactor.isOn(principal));
		model.addAttribute("mayTurnOn", this.ownTwoFactor.mayTurnOn(principal));
		describe(principal, model);
		return "account/two-factor";
	}

	/** "Turn on 2FA" while it is optional: every session of the user ends, this one too. */
	@PostMapping("/account/two-factor/on")
	String turnOn(@AuthenticationPrincipal SignInPrincipal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (!this.ownTwoFactor.turnOn(principal)) {
			redirect.addFlashAttribute("problem", "configure.turn-on.refused");
			return "redirect:/account/two-factor";
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/login?ended=two_factor_configured";
	}

	/** The user's 2FA email, phone and methods, in full: these pages are their owner's. */
	private void describe(SignInPrincipal principal, Model model) {
		UserMethods mine = this.methods.of(principal.accountId());
		model.addAttribute("twoFactorEmail", this.emailFactors.addressOf(principal.accountId()).orElse(null));
		model.addAttribute("phone", this.phones.of(principal.accountId()).orElse(null));
		model.addAttribute("methods", mine);
		model.addAttribute("shortNames", MethodNames.all());
		model.addAttribute("enrolled", UserMethods.STRENGTH.stream().filter(mine.enrolled()::contains).toList());
	}

}
