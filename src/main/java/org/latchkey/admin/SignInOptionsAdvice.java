package org.latchkey.admin;

import org.latchkey.policy.SignInOptions;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The recovery and remembered-device options, for their form on the authentication settings page. */
@ControllerAdvice(assignableTypes = AuthenticationSettingsController.class)
class SignInOptionsAdvice {

	private final SignInOptions options;

	SignInOptionsAdvice(SignInOptions options) {
		this.options = options;
	}

	@ModelAttribute
	void describe(Model model) {
		model.addAttribute("signInOptions", this.options.current());
	}

}
