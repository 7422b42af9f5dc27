package org.latchkey.selfservice;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.system.Masks;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Tells the owner of an account, by email to their business address, that its second factors changed: a
 * method removed (by them or by an administrator), a phone number set or changed, SMS codes configured. Each
 * is written to the outbox in the transaction of the change, so the notice goes exactly when the change
 * holds. A phone number appears only masked; no notice carries a code or a secret.
 */
@Component
public class MethodNotices {

	private final AccountManagement accounts;

	private final MailQueue mail;

	MethodNotices(AccountManagement accounts, MailQueue mail) {
		this.accounts = accounts;
		this.mail = mail;
	}

	/** A second factor was removed, by the owner from My account or by an administrator. */
	public void removed(long accountId, SecondFactorKind method, boolean byAdministrator, Locale locale) {
		send(accountId, "second-factor-removed", locale,
				Map.of("method", method.name(), "byAdministrator", byAdministrator));
	}

	/** The owner saved a phone number; {@code replaced} when it took the place of another. */
	public void phoneSaved(long accountId, String number, boolean replaced) {
		send(accountId, "phone-number-saved", LocaleContextHolder.getLocale(),
				Map.of("number", Masks.phone(number), "replaced", replaced));
	}

	/** The owner made their confirmed number receive sign-in codes. */
	public void smsConfigured(long accountId, String number) {
		send(accountId, "sms-codes-configured", LocaleContextHolder.getLocale(), Map.of("number", Masks.phone(number)));
	}

	private void send(long accountId, String template, Locale locale, Map<String, Object> values) {
		Account account = this.accounts.findById(accountId).orElseThrow();
		Map<String, Object> variables = new HashMap<>(values);
		variables.put("name", account.displayName());
		this.mail.enqueue(new Email(account.businessEmail(), template, locale, variables));
	}

}
