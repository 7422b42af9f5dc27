package org.latchkey.web;

import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpSession;

import org.latchkey.session.EndReason;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (its form is processed by Spring Security), with its "Forgot password?" link (to a reset by
 * email, or to the page saying an administrator resets it while 2FA is on), and the page a signed-in person
 * lands on.
 */
@Controller
class SignInController {

	private final PasskeyController passkeys;

	SignInController(PasskeyController passkeys) {
		this.passkeys = passkeys;
	}

	@GetMapping("/login")
	String showSignIn(@RequestParam(required = false) String ended, HttpSession session, Model model) {
		this.passkeys.offerSignIn(session, model);
		Arrays.stream(EndReason.values())
			.map(reason -> reason.name().toLowerCase(Locale.ROOT))
			.filter(name -> name.equals(ended))
			.findFirst()
			.ifPresent(name -> model.addAttribute("endedKey", "signin.ended." + name));
		return "signin/login";
	}

	@GetMapping("/")
	String showHome(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		model.addAttribute("principal", principal);
		return "home";
	}

}
