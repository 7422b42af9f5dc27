package org.latchkey.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's landing page: the dashboard that shows how far two-factor authentication has reached. */
@Controller
class DashboardController {

	private final Dashboard dashboard;

	DashboardController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/admin")
	String showDashboard(Model model) {
		model.addAttribute("figures", this.dashboard.now());
		model.addAttribute("withoutTwoFactor", Dashboard.WITHOUT_TWO_FACTOR);
		return "admin/dashboard";
	}

}
