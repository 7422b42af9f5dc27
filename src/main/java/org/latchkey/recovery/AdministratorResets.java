package org.latchkey.recovery;

import java.util.Locale;

import org.latchkey.account.Account;
import org.latchkey.account.AccountLinks;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountNotFoundException;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.LinkPurpose;
import org.latchkey.account.TemporaryPassword;
import org.latchkey.account.TemporaryPasswords;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.Enrolments;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.recovery.internal.ResetMails;
import org.latchkey.selfservice.MethodNotices;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does, from a user's profile, for a user who cannot sign in: send a reset email,
 * generate a temporary password, reset the 2FA email, or remove a second factor. Each is for an active account other than the
 * administrator's own (whose place is My account), tells the user by email, and is audited with the
 * administrator's id; the audit entry's time and actor come with it.
 */
@Service
public class AdministratorResets {

	private final AccountManagement accounts;

	private final AccountLinks links;

	private final TemporaryPasswords temporaryPasswords;

	private final EmailFactors emailFactors;

	private final SignedInSessions sessions;

	private final ResetMails mails;

	private final AuditLog audit;

	private final Enrolments enrolments;

	private final MethodNotices notices;

	private final RememberedDevices rememberedDevices;

	AdministratorResets(AccountManagement accounts, AccountLinks links, TemporaryPasswords temporaryPasswords,
			EmailFactors emailFactors, SignedInSessions sessions, ResetMails mails, AuditLog audit,
			Enrolments enrolments, MethodNotices notices, RememberedDevices rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.notices = notices;
		this.enrolments = enrolments;
		this.accounts = accounts;
		this.links = links;
		this.temporaryPasswords = temporaryPasswords;
		this.emailFactors = emailFactors;
		this.sessions = sessions;
		this.mails = mails;
		this.audit = audit;
	}

	/**
	 * Sends a reset link, valid 24 hours and once, to the user's business email. It works even while 2FA is
	 * required; the sign-in that follows still asks for the second factor.
	 * @throws InvalidAccountException on the field {@code recovery} for the administrator's own account or one
	 * that is not active
	 */
	@Transactional
	public void sendResetEmail(long accountId, long administratorId, Locale locale) {
		Account account = target(accountId, administratorId);
		String token = this.links.issue(account.id(), LinkPurpose.ADMINISTRATOR_RESET);
		this.mails.resetLink(account, token, LinkPurpose.ADMINISTRATOR_RESET, locale);
		this.audit.record(RecoveryEvent.PASSWORD_RESET_SENT, AuditOutcome.SUCCESS, account.id(), account.login(),
				by(administratorId));
	}

	/**
	 * Generates a temporary password for the administrator to hand over, voiding any earlier one. The user's
	 * previous password stops working and their sessions end at once; they are told by email, without the
	 * password.
	 * @return the password, the only time it exists in clear
	 * @throws InvalidAccountException on the field {@code recovery} for the administrator's own account or one
	 * that is not active
	 */
	@Transactional
	public TemporaryPassword issueTemporaryPassword(long accountId, long administratorId, Locale locale) {
		Account account = target(accountId, administratorId);
		TemporaryPassword issued = this.temporaryPasswords.issue(account.id());
		this.sessions.endAllOf(account.id(), EndReason.PASSWORD_CHANGED);
		this.rememberedDevices.forgetAll(account.id());
		this.mails.temporaryPasswordIssued(account, issued.expiresAt(), locale);
		this.audit.record(RecoveryEvent.TEMPORARY_PASSWORD_ISSUED, AuditOutcome.SUCCESS, account.id(), account.login(),
				by(administratorId) + ", valid until " + issued.expiresAt());
		return issued;
	}

	/**
	 * Forgets the user's 2FA email, for a user who lost access to it: they choose a new one, proven by a code,
	 * at their next sign-in. Their sessions end and their business email is told.
	 * @return false when the user had no 2FA email, in which case nothing changed
	 * @throws InvalidAccountException on the field {@code recovery} for the administrator's own account or one
	 * that is not active
	 */
	@Transactional
	public boolean resetTwoFactorEmail(long accountId, long administratorId, Locale locale) {
		Account account = target(accountId, administratorId);
		if (!this.emailFactors.clear(account.id())) {
			return false;
		}
		this.sessions.endAllOf(account.id(), EndReason.ADMINISTRATOR);
		this.rememberedDevices.forgetAll(account.id());
		this.mails.twoFactorEmailReset(account, locale);
		this.audit.record(RecoveryEvent.TWO_FACTOR_EMAIL_RESET, AuditOutcome.SUCCESS, account.id(), account.login(),
				by(administratorId));
		return true;
	}

	/**
	 * Removes one of the user's second factors, for a user who lost it (a phone, an app): at their next
	 * sign-in they use another method or, with none left that is allowed, enrol one. Their sessions end and
	 * their business email is told.
	 * @return false when the user did not have it, in which case nothing changed
	 * @throws InvalidAccountException on the field {@code recovery} for the administrator's own account or one
	 * that is not active
	 */
	@Transactional
	public boolean removeMethod(long accountId, SecondFactorKind method, long administratorId, Locale locale) {
		Account account = target(accountId, administratorId);
		if (!this.enrolments.remove(account.id(), method)) {
			return false;
		}
		this.sessions.endAllOf(account.id(), EndReason.ADMINISTRATOR);
		this.rememberedDevices.forgetAll(account.id());
		this.notices.removed(account.id(), method, true, locale);
		this.audit.record(RecoveryEvent.SECOND_FACTOR_REMOVED, AuditOutcome.SUCCESS, account.id(), account.login(),
				method.name() + " " + by(administratorId));
		return true;
	}

	private Account target(long accountId, long administratorId) {
		Account account = this.accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
		if (accountId == administratorId) {
			throw new InvalidAccountException("recovery", "password-reset.admin.self");
		}
		if (account.status() != AccountStatus.ACTIVE) {
			throw new InvalidAccountException("recovery", "password-reset.admin.not-active");
		}
		return account;
	}

	private static String by(long administratorId) {
		return "by administrator #" + administratorId;
	}

}
