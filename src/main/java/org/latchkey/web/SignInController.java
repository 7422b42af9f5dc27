package org.latchkey.web;

import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (its form is processed by Spring Security) and the page a signed-in person lands on. */
@Controller
class SignInController {

	@GetMapping("/login")
	String showSignIn() {
		return "signin/login";
	}

	@GetMapping("/")
	String showHome(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		model.addAttribute("principal", principal);
		return "home";
	}

}
