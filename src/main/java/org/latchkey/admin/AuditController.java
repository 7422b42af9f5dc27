package org.latchkey.admin;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditEvents;
import org.latchkey.audit.AuditFilter;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log in the console: newest first, filtered by user, event type and days, and exported as CSV. */
@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	/** The widths of the audit log's login and event columns: longer text cannot match anything. */
	static final int USER_MAX = 100;

	static final int EVENT_MAX = 60;

	private static final String AUDIT = "admin/audit";

	private final AuditEvents events;

	private final AuditLog audit;

	AuditController(AuditEvents events, AuditLog audit) {
		this.events = events;
		this.audit = audit;
	}

	@GetMapping("/admin/audit")
	String showAudit(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String event,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		String login = user.strip();
		String type = event.strip();
		model.addAttribute("user", login);
		model.addAttribute("event", type);
		model.addAttribute("from", from.strip());
		model.addAttribute("to", to.strip());
		if (refused(login, type, from, to, model, response)) {
			return AUDIT;
		}
		model.addAttribute("entries",
				this.events.search(new AuditFilter(login, type, day(from), day(to)), page, PAGE_SIZE));
		return AUDIT;
	}

	/**
	 * Every event the page's filter shows, as a CSV download written while the rows are read: an export has no
	 * cap, and its size is bounded only by the filter.
	 */
	@GetMapping("/admin/audit/export")
	String export(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String event,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model,
			HttpServletResponse response) throws IOException {
		String login = user.strip();
		String type = event.strip();
		model.addAttribute("user", login);
		model.addAttribute("event", type);
		model.addAttribute("from", from.strip());
		model.addAttribute("to", to.strip());
		if (refused(login, type, from, to, model, response)) {
			return AUDIT;
		}
		this.audit.record(AdminAuditEvent.AUDIT_EXPORTED, AuditOutcome.SUCCESS, null, null,
				"filter user=" + login + " event=" + type + " from=" + from.strip() + " to=" + to.strip());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("latchkey-audit.csv").build().toString());
		AuditCsv csv = new AuditCsv(response.getWriter());
		this.events.export(new AuditFilter(login, type, day(from), day(to)), csv::write);
		response.getWriter().flush();
		return null;
	}

	/** A day typed in a date field (yyyy-MM-dd), or null for none; {@link #refused} has checked it. */
	private static @Nullable LocalDate day(String text) {
		return text.isBlank() ? null : LocalDate.parse(text.strip());
	}

	private static boolean isDay(String text) {
		try {
			day(text);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private boolean refused(String login, String type, String from, String to, Model model,
			HttpServletResponse response) {
		if (!isDay(from) || !isDay(to)) {
			model.addAttribute("eventTypes", this.events.eventTypes());
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("fieldError", isDay(from) ? "to" : "from");
			return true;
		}
		return refusedAsTooLong(login, type, model, response);
	}

	private boolean refusedAsTooLong(String login, String type, Model model, HttpServletResponse response) {
		model.addAttribute("eventTypes", this.events.eventTypes());
		String tooLong = (login.length() > USER_MAX) ? "user" : (type.length() > EVENT_MAX) ? "event" : null;
		if (tooLong == null) {
			return false;
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("fieldError", tooLong);
		model.addAttribute("searchMax", tooLong.equals("user") ? USER_MAX : EVENT_MAX);
		return true;
	}

}
