package org.latchkey.admin;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.policy.SignInOptions;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Authentication &amp; SSO → recovery and remembered devices: whether users get recovery codes, how many days
 * a device may be remembered, and the grace period to set up 2FA when it becomes required. The form is on the
 * authentication settings page ({@link SignInOptionsAdvice} gives it the current values).
 */
@Controller
class SignInOptionsController {

	private final SignInOptions options;

	SignInOptionsController(SignInOptions options) {
		this.options = options;
	}

	@PostMapping("/admin/authentication/options")
	String change(@RequestParam(defaultValue = "false") boolean recoveryCodes,
			@RequestParam(required = false) String rememberDays, @RequestParam(required = false) String graceDays,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			this.options.change(recoveryCodes, Integer.parseInt(String.valueOf(rememberDays).strip()),
					Integer.parseInt(String.valueOf(graceDays).strip()));
		}
		catch (IllegalArgumentException ex) {
			// a number that does not parse, or falls outside 0 to 90, is refused the same way
			redirect.addFlashAttribute("problem", "admin.options.invalid");
			return "redirect:/admin/authentication#sign-in-options";
		}
		redirect.addFlashAttribute("notice", "admin.options.saved");
		return "redirect:/admin/authentication#sign-in-options";
	}

}
