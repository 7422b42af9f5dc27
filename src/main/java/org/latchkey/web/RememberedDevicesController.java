package org.latchkey.web;

import org.latchkey.selfservice.DeviceForgetting;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My account → remembered devices: forget one, or all of them. Forgetting asks for no proof: it takes away. */
@Controller
class RememberedDevicesController {

	private final DeviceForgetting devices;

	RememberedDevicesController(DeviceForgetting devices) {
		this.devices = devices;
	}

	@PostMapping("/account/devices/forget")
	String forget(@RequestParam(required = false) String device, @AuthenticationPrincipal SignInPrincipal principal,
			RedirectAttributes redirect) {
		if (device != null && device.matches("[0-9]{1,18}")) {
			this.devices.forget(principal, Long.parseLong(device));
		}
		redirect.addFlashAttribute("notice", "remembered.forgotten");
		return "redirect:/account#remembered-devices";
	}

	@PostMapping("/account/devices/forget-all")
	String forgetAll(@AuthenticationPrincipal SignInPrincipal principal, RedirectAttributes redirect) {
		this.devices.forgetAll(principal);
		redirect.addFlashAttribute("notice", "remembered.all-forgotten");
		return "redirect:/account#remembered-devices";
	}

}
