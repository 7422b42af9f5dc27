package org.latchkey.lockout.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.latchkey.account.AccountManagement;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.secret.TokenHasher;
import org.latchkey.system.PublicUrl;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the owner of an account, by email to their business address, that their right password was followed
 * by a wrong second factor: someone who is not them may know the password. One notice per pending sign-in,
 * however many codes fail in it, so that whoever holds the password cannot flood the mailbox; the database's
 * primary key on the sign-in decides which failure sends it, on every node.
 */
@Component
public class FailedCodeNotices {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** Longer than any pending sign-in lives; older claims only take room. */
	private static final Duration KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final AccountManagement accounts;

	private final MailQueue mail;

	private final PublicUrl publicUrl;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	FailedCodeNotices(JdbcClient jdbc, TokenHasher hasher, AccountManagement accounts, MailQueue mail,
			PublicUrl publicUrl, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.accounts = accounts;
		this.mail = mail;
		this.publicUrl = publicUrl;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * A second factor failed in the pending sign-in held by the session {@code sessionId}: the first failure of
	 * that sign-in queues the notice, any later one nothing.
	 * @param clientAddress the address the failed code came from, shown to the owner
	 */
	@Transactional
	public void failed(long accountId, String sessionId, String clientAddress, Locale locale) {
		Instant now = this.clock.instant();
		if (!claim(accountId, this.hasher.hash(sessionId), now)) {
			return;
		}
		this.accounts.findById(accountId)
			.ifPresent(account -> this.mail.enqueue(new Email(account.businessEmail(), "second-factor-failed",
					locale, Map.of("name", account.displayName(), "when", WHEN.format(now), "address", clientAddress,
							"url", this.publicUrl.to("/account/password").toUriString()))));
	}

	/** True for the one caller that records the sign-in's notice, false for every later one. */
	private boolean claim(long accountId, String signIn, Instant now) {
		this.jdbc.sql("DELETE FROM second_factor_failure_notice WHERE account_id = :account AND noticed_at < :before")
			.param("account", accountId)
			.param("before", Timestamp.from(now.minus(KEPT)))
			.update();
		try {
			this.savepoint.executeWithoutResult(status -> this.jdbc.sql("""
					INSERT INTO second_factor_failure_notice (sign_in, account_id, noticed_at)
					VALUES (:signIn, :account, :now)
					""")
				.param("signIn", signIn)
				.param("account", accountId)
				.param("now", Timestamp.from(now))
				.update());
			return true;
		}
		catch (DuplicateKeyException ex) {
			// this sign-in's owner was already told
			return false;
		}
	}

}
