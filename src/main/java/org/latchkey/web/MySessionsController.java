package org.latchkey.web;

import jakarta.servlet.http.HttpSession;

import org.latchkey.selfservice.OtherSessions;
import org.latchkey.selfservice.OtherSessions.Outcome;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account → Active sessions: where and how the user is signed in, and signing out one other session or all
 * of them, after a fresh code (or the password, for a user with no second factor).
 */
@Controller
@RequestMapping("/account/sessions")
class MySessionsController {

	private static final String LIST = "redirect:/account/sessions";

	private final OtherSessions sessions;

	private final BrowserBinding binding;

	MySessionsController(OtherSessions sessions, BrowserBinding binding) {
		this.binding = binding;
		this.sessions = sessions;
	}

	@GetMapping
	String show(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("sessions", this.sessions.of(principal, this.binding.browser(session)));
		model.addAttribute("asksForPassword", this.sessions.asksForPassword(principal));
		return "account/sessions";
	}

	@PostMapping("/end")
	String endOne(@RequestParam(required = false) String session, @RequestParam(required = false) String password,
			@AuthenticationPrincipal SignInPrincipal principal, HttpSession current, RedirectAttributes redirect) {
		return answer(this.sessions.endOne(principal, this.binding.browser(current), session, password),
				"sessions.ended-one", redirect);
	}

	@PostMapping("/end-others")
	String endOthers(@RequestParam(required = false) String password,
			@AuthenticationPrincipal SignInPrincipal principal, HttpSession current, RedirectAttributes redirect) {
		return answer(this.sessions.endAllOthers(principal, this.binding.browser(current), password),
				"sessions.ended-others", redirect);
	}

	private static String answer(Outcome outcome, String ended, RedirectAttributes redirect) {
		switch (outcome) {
			case FRESH_CODE_NEEDED -> {
				return "redirect:/account/methods/confirm";
			}
			case ENDED -> redirect.addFlashAttribute("notice", ended);
			case NOT_FOUND -> redirect.addFlashAttribute("problem", "sessions.not-found");
			case WRONG_PASSWORD -> redirect.addFlashAttribute("problem", "sessions.wrong-password");
			case LOCKED -> redirect.addFlashAttribute("problem", "my-account.locked");
		}
		return LIST;
	}

}
