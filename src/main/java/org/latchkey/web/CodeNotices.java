package org.latchkey.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

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
		if (!sent.sent()) {
			refusal(sent, clock, "verify.").forEach(redirect::addFlashAttribute);
		}
	}

	/**
	 * Puts on a code page that finds no code waiting why none could be sent when it was due (the person did
	 * not ask for this one), and from when one can be asked for.
	 */
	static void notSent(Model model, CodeSent refused, Clock clock) {
		model.addAllAttributes(refusal(refused, clock, "verify.not-sent."));
	}

	/** The refusal's message key (under {@code prefix}), the wait in seconds and in minutes, and its end. */
	private static Map<String, Object> refusal(CodeSent refused, Clock clock, String prefix) {
		long seconds = Math.max(1, Duration.between(clock.instant(), refused.retryAt()).toSeconds());
		return Map.of("refusal", prefix + ((refused.status() == CodeSent.Status.TOO_SOON) ? "too-soon" : "too-many"),
				"waitSeconds", seconds, "waitMinutes", Math.max(1, (seconds + 59) / 60), "retryAt", refused.retryAt());
	}

	/** Puts on the page why a code asked for by a My account page was refused, and the tries it has left. */
	/** The SMS provider that checks codes itself could not answer; nothing was counted. */
	static final String PROVIDER_FAILED = "sms.provider-failed";

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
