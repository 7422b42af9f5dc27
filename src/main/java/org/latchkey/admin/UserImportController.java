package org.latchkey.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.UserImport;
import org.latchkey.account.UserImport.Report;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Importing users from CSV text pasted into the console (Latchkey refuses every multipart body, so there is no
 * file upload: a spreadsheet's CSV is pasted instead). "Check" is a dry run that shows each line's problems;
 * "Import" creates and invites the users when every line passes, and nothing otherwise.
 */
@Controller
@RequestMapping("/admin/users/import")
class UserImportController {

	private static final String PAGE = "admin/import";

	private final UserImport imports;

	private final AuditLog audit;

	UserImportController(UserImport imports, AuditLog audit) {
		this.imports = imports;
		this.audit = audit;
	}

	@GetMapping
	String showForm(Model model) {
		model.addAttribute("csv", "");
		return form(model);
	}

	@PostMapping
	String process(@RequestParam(defaultValue = "") String csv, @RequestParam(defaultValue = "check") String action,
			Model model, HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
		boolean dryRun = !"import".equals(action);
		Report report = dryRun ? this.imports.check(csv) : this.imports.run(csv, locale);
		if (report.imported()) {
			this.audit.record(AdminAuditEvent.USERS_IMPORTED, AuditOutcome.SUCCESS, null, null,
					report.lines().size() + " users invited");
			redirect.addFlashAttribute("notice", "console.import.done");
			redirect.addFlashAttribute("imported", report.lines().size());
			return "redirect:/admin/users?status=INVITED";
		}
		if (!report.valid()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("csv", csv);
		model.addAttribute("report", report);
		model.addAttribute("dryRun", dryRun);
		return form(model);
	}

	private String form(Model model) {
		model.addAttribute("linesMax", UserImport.LINES_MAX);
		return PAGE;
	}

}
