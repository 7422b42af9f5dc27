package org.latchkey.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.mail.MailQueue;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.Outbox;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's outbox: every message's status, a retry for failed ones, and a test email. */
@Controller
@RequestMapping("/admin/outbox")
class OutboxController {

	private static final String VIEW = "admin/outbox";

	private static final String REDIRECT = "redirect:/admin/outbox";

	/** Enough to show back any address the form accepts, and no more of whatever else was sent. */
	private static final int ECHO_MAX = 254;

	private final Outbox outbox;

	private final MailQueue mail;

	OutboxController(Outbox outbox, MailQueue mail) {
		this.outbox = outbox;
		this.mail = mail;
	}

	@GetMapping
	String showOutbox(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("recipient", "");
		return show(model, page);
	}

	@PostMapping("/test")
	String processTestMessage(@RequestParam(defaultValue = "") String recipient, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			long id = this.mail.sendTestMessage(recipient, locale);
			redirect.addFlashAttribute("queued", String.valueOf(id));
			return REDIRECT;
		}
		catch (InvalidRecipientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("recipient", echo(recipient));
			model.addAttribute("recipientError", ex.messageKey());
			return show(model, 0);
		}
	}

	@PostMapping("/{id}/retry")
	String processRetry(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute(this.outbox.retry(id) ? "retried" : "notRetried", String.valueOf(id));
		return REDIRECT;
	}

	private String show(Model model, int page) {
		model.addAttribute("outbox", this.outbox.recent(page));
		model.addAttribute("target", this.mail.target());
		return VIEW;
	}

	private static String echo(String value) {
		String printable = value.replaceAll("\\p{C}", "");
		return (printable.length() <= ECHO_MAX) ? printable : printable.substring(0, ECHO_MAX);
	}

}
