package org.latchkey.lockout.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.latchkey.account.Account;
import org.latchkey.lockout.AccountLock;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the owner of a locked account, by email to their business address, that their right password met a
 * lock, or that wrong proofs from one of their sessions started one, and until when it stands. The sign-in page cannot say it: it answers a locked account exactly as a
 * wrong password, so that neither the lock nor the password's correctness shows to whoever is guessing.
 */
@Component
public class LockNotices {

	private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MailQueue mail;

	LockNotices(MailQueue mail) {
		this.mail = mail;
	}

	@Transactional
	public void tell(Account account, AccountLock lock, Locale locale) {
		send(account, lock, false, locale);
	}

	/** Tells the owner that wrong proofs given from one of their signed-in sessions started the lock. */
	@Transactional
	public void tellFromSession(Account account, AccountLock lock, Locale locale) {
		send(account, lock, true, locale);
	}

	private void send(Account account, AccountLock lock, boolean fromSession, Locale locale) {
		this.mail.enqueue(new Email(account.businessEmail(), "account-locked", locale,
				Map.of("name", account.displayName(), "until", (lock.until() != null) ? UNTIL.format(lock.until()) : "",
						"forGood", lock.untilUnlocked(), "fromSession", fromSession)));
	}

}
