package org.latchkey.recovery.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.latchkey.account.Account;
import org.latchkey.account.LinkPurpose;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Component;

/**
 * The emails of password and 2FA resets, written to the outbox in the caller's transaction, all to the
 * account's business email. Only the reset link carries a secret; no email ever carries a password.
 */
@Component
public class ResetMails {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MailQueue mail;

	private final PublicUrl publicUrl;

	ResetMails(MailQueue mail, PublicUrl publicUrl) {
		this.mail = mail;
		this.publicUrl = publicUrl;
	}

	/** The link that opens the page where the account's owner chooses a new password. */
	public void resetLink(Account account, String token, LinkPurpose purpose, Locale locale) {
		String url = this.publicUrl.to("/password-reset/choose").queryParam("token", token).toUriString();
		send(account, "password-reset", locale, Map.of("url", url, "hours", purpose.lifetime().toHours(),
				"byAdministrator", purpose == LinkPurpose.ADMINISTRATOR_RESET));
	}

	/** Tells the owner that the password was reset and their sessions ended. */
	public void passwordReset(Account account, Locale locale) {
		send(account, "password-reset-done", locale, Map.of());
	}

	/** Tells the owner that an administrator generated a temporary password, which they will hand over. */
	public void temporaryPasswordIssued(Account account, Instant expiresAt, Locale locale) {
		send(account, "temporary-password-issued", locale, Map.of("expiresAt", TIME.format(expiresAt)));
	}

	/**
	 * Tells an administrator that a recovery link for their account was printed on the server (the link itself
	 * is never emailed), and until when it works.
	 */
	public void administratorRecoveryIssued(Account account, Instant expiresAt, Locale locale) {
		send(account, "administrator-recovery", locale, Map.of("expiresAt", TIME.format(expiresAt)));
	}

	/** Tells the owner that an administrator reset their 2FA email. */
	public void twoFactorEmailReset(Account account, Locale locale) {
		send(account, "two-factor-email-reset", locale, Map.of());
	}

	private void send(Account account, String template, Locale locale, Map<String, Object> values) {
		Map<String, Object> variables = new HashMap<>(values);
		variables.put("name", account.displayName());
		variables.put("login", account.login());
		this.mail.enqueue(new Email(account.businessEmail(), template, locale, variables));
	}

}
