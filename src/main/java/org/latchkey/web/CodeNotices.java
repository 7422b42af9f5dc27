package org.latchkey.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;
import org.latchkey.sms.SmsLimitReachedException;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the pages that ask for a code say when one was sent or refused, the same on each of them. */
final class CodeNotices {

	private CodeNotices() {
	}

	/** Tells the next page that a new code went out, or how long to wait before asking for another. */
	static void flash(RedirectAttributes redirect, CodeSent sent, Clock clock) {
		if (sent.sent()) {
			redirect.addFlashAttribute("notice", "verify.sent");
			return;
		}
		flashRefusal(redirect, sent, clock);
	}

	/**
	 * Tells the next page how long to wait when a first code was refused; a first code that went out needs no
	 * notice, since the page says where it went.
	 */
	static void flashRefusal(RedirectAttributes redirect, CodeSent sent, Clock clock) {
		if (sent.sent()) {
			return;
		}
		long seconds = Math.max(1, Duration.between(clock.instant(), sent.retryAt()).toSeconds());
		redirect.addFlashAttribute("refusal", (sent.status() == CodeSent.Status.TOO_SOON) ? "verify.too-soon"
				: "verify.too-many");
		redirect.addFlashAttribute("waitSeconds", seconds);
		redirect.addFlashAttribute("waitMinutes", Math.max(1, (seconds + 59) / 60));
	}

	/** Puts on the page why a code asked for by a My account page was refused, and the tries it has left. */
	static void refusal(Model model, CodeCheck check) {
		model.addAttribute("codeError", stepUpRefusal(check.result()));
		model.addAttribute("attemptsLeft", check.attemptsLeft());
	}

	/** Refuses a submitted code or step (400): the message goes beside the code field, or above the form. */
	static void invalid(Model model, HttpServletResponse response, InvalidAccountException refusal) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("code".equals(refusal.field()) ? "codeError" : "problem", refusal.messageKey());
	}

	/**
	 * What a page says when an SMS could not go out: a cap was reached, or SMS cannot be sent at all now
	 * (no provider). Either way nothing was stored, and the page offers the other methods.
	 */
	static String smsRefusal(RuntimeException refusal) {
		return (refusal instanceof SmsLimitReachedException) ? "verify.sms.limit" : "verify.sms.unavailable";
	}

	/**
	 * Why a code asked for by a My account page was refused: the sign-in's texts, but for the two that speak
	 * of a sign-in.
	 */
	static String stepUpRefusal(CodeCheck.Result result) {
		String name = result.name().toLowerCase(Locale.ROOT);
		return switch (result) {
			case NONE, FOREIGN -> "my-account.code." + name;
			default -> "verify.code." + name;
		};
	}

}
