package org.latchkey.admin;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.audit.AuditEvents;
import org.latchkey.audit.AuditFilter;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log in the console: newest first, filtered by user and by event type. */
@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	/** The widths of the audit log's login and event columns: longer text cannot match anything. */
	static final int USER_MAX = 100;

	static final int EVENT_MAX = 60;

	private static final String AUDIT = "admin/audit";

	private final AuditEvents events;

	AuditController(AuditEvents events) {
		this.events = events;
	}

	@GetMapping("/admin/audit")
	String showAudit(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String event,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		String login = user.strip();
		String type = event.strip();
		model.addAttribute("eventTypes", this.events.eventTypes());
		String tooLong = (login.length() > USER_MAX) ? "user" : (type.length() > EVENT_MAX) ? "event" : null;
		if (tooLong != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("fieldError", tooLong);
			model.addAttribute("searchMax", tooLong.equals("user") ? USER_MAX : EVENT_MAX);
			return AUDIT;
		}
		model.addAttribute("user", login);
		model.addAttribute("event", type);
		model.addAttribute("entries", this.events.search(new AuditFilter(login, type), page, PAGE_SIZE));
		return AUDIT;
	}

}
