package org.latchkey.web;

import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EmailFactors;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "My account", where a signed-in user sees their login information and reaches the pages that change their
 * password and 2FA email. Later sections (phone, authenticator app, active sessions) go below it.
 */
@Controller
class MyAccountController {

	private final AccountManagement accounts;

	private final EmailFactors emailFactors;

	MyAccountController(AccountManagement accounts, EmailFactors emailFactors) {
		this.accounts = accounts;
		this.emailFactors = emailFactors;
	}

	@GetMapping("/account")
	String showAccount(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		model.addAttribute("account", this.accounts.findById(principal.accountId()).orElseThrow());
		// shown in full: this page is its owner's
		model.addAttribute("twoFactorEmail", this.emailFactors.addressOf(principal.accountId()).orElse(null));
		return "account/index";
	}

}
