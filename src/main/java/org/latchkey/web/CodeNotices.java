package org.latchkey.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodeSent;

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
