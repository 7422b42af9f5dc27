package org.latchkey.web;

import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.latchkey.factor.RememberedDevices;
import org.latchkey.selfservice.DeviceForgetting;
import org.latchkey.selfservice.RecoveryCodeSetup;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What My account shows about recovery codes and remembered devices: how many codes are left, the devices
 * remembered, and, once after a sign-in with a recovery code, a banner asking to review the methods.
 */
@ControllerAdvice(assignableTypes = MyAccountController.class)
class MyAccountRecoveryAdvice {

	private final RecoveryCodeSetup recoveryCodes;

	private final DeviceForgetting devices;

	MyAccountRecoveryAdvice(RecoveryCodeSetup recoveryCodes, DeviceForgetting devices) {
		this.recoveryCodes = recoveryCodes;
		this.devices = devices;
	}

	@ModelAttribute
	void describe(@AuthenticationPrincipal SignInPrincipal principal, HttpSession session, Model model) {
		if (principal == null) {
			return;
		}
		model.addAttribute("recoveryCodes", this.recoveryCodes.status(principal.accountId()));
		List<RememberedDevices.Device> remembered = this.devices.of(principal);
		model.addAttribute("rememberedDevices", remembered);
		if (session.getAttribute(RecoveryCodePrompts.REVIEW) != null) {
			session.removeAttribute(RecoveryCodePrompts.REVIEW);
			model.addAttribute("reviewMethods", true);
		}
	}

}
