package org.latchkey.web;

import org.latchkey.signin.EnrolmentDeadline;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The banner of the enrolment grace period, on the home page and My account: how many days a user without a
 * second factor has left to set one up, with a link to do it.
 */
@ControllerAdvice(assignableTypes = { SignInController.class, MyAccountController.class })
class EnrolmentBannerAdvice {

	private final EnrolmentDeadline deadline;

	EnrolmentBannerAdvice(EnrolmentDeadline deadline) {
		this.deadline = deadline;
	}

	@ModelAttribute
	void describe(@AuthenticationPrincipal SignInPrincipal principal, Model model) {
		if (principal != null && !principal.isSecondFactorPending()) {
			this.deadline.daysLeft(principal.accountId())
				.ifPresent(days -> model.addAttribute("enrolmentDaysLeft", days));
		}
	}

}
