package org.latchkey.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.selfservice.RecoveryCodeSetup;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * My account → recovery codes: the page that makes a set (the first one after a sign-in, or a new one once a
 * fresh second factor allowed it), shows it once with download and print, and asks the user to tick "I have
 * saved them" to go on. The codes are made by a POST and rendered in its answer: they are never kept in the
 * session (which the database stores), only as keyed hashes.
 */
@Controller
class RecoveryCodesController {

	private static final String INTRO = "account/recovery-codes-new";

	private static final String CODES = "account/recovery-codes";

	private final RecoveryCodeSetup setup;

	private final BrowserBinding binding;

	private final RecoveryCodePrompts prompts;

	RecoveryCodesController(RecoveryCodeSetup setup, BrowserBinding binding, RecoveryCodePrompts prompts) {
		this.setup = setup;
		this.binding = binding;
		this.prompts = prompts;
	}

	@GetMapping(RecoveryCodePrompts.NEW_SET_PAGE)
	String showNew(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		if (!this.setup.mayCreate(principal, this.binding.browser(session))) {
			return "redirect:/account";
		}
		model.addAttribute("first", this.setup.owed(principal.accountId()));
		return INTRO;
	}

	@PostMapping(RecoveryCodePrompts.NEW_SET_PAGE)
	String create(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model,
			HttpServletResponse response) {
		Optional<List<String>> codes = this.setup.create(principal, this.binding.browser(session));
		if (codes.isEmpty()) {
			return "redirect:/account";
		}
		// shown once: neither the browser's cache nor a proxy keeps this page
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("codes", codes.get());
		model.addAttribute("download", "data:text/plain;charset=utf-8," + UriUtils.encode(
				"Latchkey recovery codes for " + principal.getUsername() + "\r\n\r\n" + String.join("\r\n", codes.get())
						+ "\r\n",
				StandardCharsets.UTF_8));
		return CODES;
	}

	@PostMapping("/account/recovery-codes/saved")
	String saved(@RequestParam(required = false) String saved, @AuthenticationPrincipal SignInPrincipal principal,
			HttpSession session, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (!"on".equals(saved)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("first", this.setup.owed(principal.accountId()));
			model.addAttribute("problem", "recovery-codes.saved.required");
			return INTRO;
		}
		this.setup.saved(principal);
		redirect.addFlashAttribute("notice", "recovery-codes.saved.done");
		return "redirect:" + this.prompts.heading(session);
	}

}
