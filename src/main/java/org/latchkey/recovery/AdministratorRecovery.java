package org.latchkey.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.latchkey.account.Account;
import org.latchkey.account.AccountLinks;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.LinkPurpose;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.Enrolments;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.recovery.internal.ResetMails;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings back an administrator who can no longer sign in (a lost phone, a forgotten password, the last
 * administrator locked out), without editing the database: {@code latchkey admin-recover --login NAME}, run on
 * the server with its settings, prints a one-time link valid {@link LinkPurpose#ADMINISTRATOR_RECOVERY 15
 * minutes}. The link opens the password reset page; choosing a password there also clears every second factor
 * of the account and its lock, so that the administrator signs in with the new password and enrols a factor
 * again. Issuing and using the link are audited, and the administrator's business email is told when the link is
 * printed. Nothing of this is reachable over HTTP: whoever can run the command on the server already holds its
 * database and master key.
 */
@Service
public class AdministratorRecovery {

	/** The command's name, as given to the jar or the launcher. */
	public static final String COMMAND = "admin-recover";

	private final AccountManagement accounts;

	private final AccountLinks links;

	private final Enrolments enrolments;

	private final EmailFactors emailFactors;

	private final SignedInSessions sessions;

	private final SignInThrottle throttle;

	private final ResetMails mails;

	private final AuditLog audit;

	private final PublicUrl publicUrl;

	private final Clock clock;

	AdministratorRecovery(AccountManagement accounts, AccountLinks links, Enrolments enrolments,
			EmailFactors emailFactors, SignedInSessions sessions, SignInThrottle throttle, ResetMails mails,
			AuditLog audit, PublicUrl publicUrl, Clock clock) {
		this.accounts = accounts;
		this.links = links;
		this.enrolments = enrolments;
		this.emailFactors = emailFactors;
		this.sessions = sessions;
		this.throttle = throttle;
		this.mails = mails;
		this.audit = audit;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	/**
	 * What the command prints.
	 * @param url the link, the only time its token exists in clear
	 */
	public record RecoveryLink(String login, String url, Instant expiresAt) {
	}

	/** Why no link was issued. */
	public static final class RecoveryRefusedException extends RuntimeException {

		RecoveryRefusedException(String message) {
			super(message);
		}

	}

	/**
	 * Issues the recovery link of the administrator {@code login}, voiding any earlier one, tells them by email
	 * (without the link) and audits it.
	 * @throws RecoveryRefusedException when no active administrator has that login
	 */
	@Transactional
	public RecoveryLink issue(String login, Locale locale) {
		Account account = this.accounts.findByLogin(login.strip())
			.orElseThrow(() -> new RecoveryRefusedException("no account has the login " + login.strip()));
		if (!account.isAdministrator()) {
			throw new RecoveryRefusedException(account.login() + " is not an administrator: an administrator resets "
					+ "a user's access from the console");
		}
		if (account.status() != AccountStatus.ACTIVE) {
			throw new RecoveryRefusedException(account.login() + " is not active (" + account.status() + ")");
		}
		String token = this.links.issue(account.id(), LinkPurpose.ADMINISTRATOR_RECOVERY);
		Instant expiresAt = this.clock.instant().plus(LinkPurpose.ADMINISTRATOR_RECOVERY.lifetime());
		this.mails.administratorRecoveryIssued(account, expiresAt, locale);
		this.audit.record(RecoveryEvent.ADMINISTRATOR_RECOVERY_ISSUED, AuditOutcome.SUCCESS, account.id(),
				account.login(), "by " + COMMAND + " on the server, valid until " + expiresAt);
		String url = this.publicUrl.to("/password-reset/choose").queryParam("token", token).toUriString();
		return new RecoveryLink(account.login(), url, expiresAt);
	}

	/**
	 * The recovery link was used and the new password set (in the same transaction): every second factor of the
	 * account goes, with its lock, and its sessions end.
	 */
	void recovered(Account account) {
		Set<SecondFactorKind> removed = this.enrolments.of(account.id());
		for (SecondFactorKind method : removed) {
			this.enrolments.remove(account.id(), method);
		}
		this.emailFactors.clear(account.id());
		this.throttle.unlock(account.id(), account.login());
		this.sessions.endAllOf(account.id(), EndReason.PASSWORD_CHANGED);
		this.audit.record(RecoveryEvent.ADMINISTRATOR_RECOVERED, AuditOutcome.SUCCESS, account.id(), account.login(),
				"second factors cleared: " + removed);
	}

}
