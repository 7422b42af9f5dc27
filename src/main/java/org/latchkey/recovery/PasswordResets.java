package org.latchkey.recovery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountLinks;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountRules;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.LinkPurpose;
import org.latchkey.account.TemporaryPasswords;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.recovery.internal.ResetMails;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting a new password without knowing the old one: through a reset link (asked for on the sign-in page, or
 * sent by an administrator), or in place of a temporary password just used to sign in. Asking for a link
 * from the sign-in page is open only while 2FA is not required: then, an administrator resets the password.
 * A reset ends every session of the account, tells its owner, and signs nobody in by itself.
 */
@Service
public class PasswordResets {

	/** Several accounts may share a business email; one request reaches no more than these. */
	static final int MATCHES_MAX = 10;

	private final OrganisationPolicy policy;

	private final AccountManagement accounts;

	private final AccountLinks links;

	private final TemporaryPasswords temporaryPasswords;

	private final SignedInSessions sessions;

	private final ResetMails mails;

	private final AuditLog audit;

	private final EmailFactors emailFactors;

	private final AdministratorRecovery recovery;

	private final RememberedDevices rememberedDevices;

	PasswordResets(OrganisationPolicy policy, AccountManagement accounts, AccountLinks links,
			TemporaryPasswords temporaryPasswords, SignedInSessions sessions, ResetMails mails, AuditLog audit,
			EmailFactors emailFactors, AdministratorRecovery recovery, RememberedDevices rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.emailFactors = emailFactors;
		this.recovery = recovery;
		this.policy = policy;
		this.accounts = accounts;
		this.links = links;
		this.temporaryPasswords = temporaryPasswords;
		this.sessions = sessions;
		this.mails = mails;
		this.audit = audit;
	}

	/** Whether people may ask for a reset link on the sign-in page: not while 2FA is required. */
	public boolean selfServiceOpen() {
		return !this.policy.current().twoFactorRequired();
	}

	/**
	 * Sends a reset link to the business email of each active account whose login or business email is
	 * {@code loginOrEmail}, and nothing for anything else: the answer never tells whether an account exists.
	 * Nothing counts against the account: a request never locks it.
	 * @return false when self-service reset is closed (2FA required), in which case nothing was sent
	 * @throws InvalidAccountException on the field {@code login} when the text is empty, too long or unprintable
	 */
	@Transactional
	public boolean request(String loginOrEmail, Locale locale) {
		if (!selfServiceOpen()) {
			return false;
		}
		String wanted = AccountRules.identifier("login", loginOrEmail);
		// a login and a business email may coincide in different accounts: each gets its own link
		List<Account> found = this.accounts.findByIdentifier(wanted, AccountStatus.ACTIVE, MATCHES_MAX);
		for (Account account : found) {
			this.mails.resetLink(account, this.links.issue(account.id(), LinkPurpose.PASSWORD_RESET),
					LinkPurpose.PASSWORD_RESET, locale);
			this.audit.success(RecoveryEvent.PASSWORD_RESET_REQUESTED, account.id(), account.login());
		}
		if (found.isEmpty()) {
			// an email address typed here may belong to no user: it is not kept in clear
			this.audit.record(RecoveryEvent.PASSWORD_RESET_REQUESTED, AuditOutcome.FAILURE, null,
					Masks.loginOrEmail(wanted), "no active account");
		}
		return true;
	}

	/** The active account a live reset link belongs to, without spending the link. */
	public Optional<Account> open(String token) {
		return liveLink(token).flatMap(link -> activeAccount(link.accountId()));
	}

	/**
	 * Sets the password chosen through a reset link, in one transaction: the link is spent, every session of
	 * the account ends, and its owner is told.
	 * @return false when the link is not live (unknown, expired, used, or asked for on the sign-in page while
	 * 2FA is now required) or its account is no longer active
	 * @throws InvalidAccountException on the field {@code password} when it is refused; the link stays live
	 */
	@Transactional
	public boolean complete(String token, String password, Locale locale) {
		Optional<ResetLink> link = liveLink(token);
		if (link.isEmpty() || this.links.spend(token, link.get().purpose()).isEmpty()) {
			return false;
		}
		Optional<Account> account = activeAccount(link.get().accountId());
		account.ifPresent(owner -> reset(owner, password, locale, "with a link of purpose " + link.get().purpose()));
		if (account.isPresent() && link.get().purpose() == LinkPurpose.ADMINISTRATOR_RECOVERY) {
			this.recovery.recovered(account.get());
		}
		return account.isPresent();
	}

	/**
	 * Sets the password chosen in place of a temporary one that was just used to sign in, ending the
	 * account's other sessions and telling its owner.
	 * @return false when no used temporary password awaits it any more (another was issued, or a password was
	 * chosen, since) or the account is no longer active
	 * @throws InvalidAccountException on the field {@code password} when it is refused, the temporary password
	 * itself included
	 */
	@Transactional
	public boolean replaceTemporary(long accountId, String password, Locale locale) {
		if (!this.temporaryPasswords.awaitsNewPassword(accountId)) {
			return false;
		}
		Account account = this.accounts.findById(accountId).orElseThrow();
		reset(account, password, locale, "in place of a temporary password");
		return true;
	}

	private void reset(Account account, String password, Locale locale, String how) {
		// the 2FA email is refused as the password, as on My account
		this.accounts.changePassword(this.accounts.preparePassword(account.id(), password,
				this.emailFactors.addressOf(account.id()).stream().toList()));
		this.links.voidAll(account.id(), LinkPurpose.PASSWORD_RESET);
		this.links.voidAll(account.id(), LinkPurpose.ADMINISTRATOR_RESET);
		this.links.voidAll(account.id(), LinkPurpose.ADMINISTRATOR_RECOVERY);
		this.sessions.endAllOf(account.id(), EndReason.PASSWORD_CHANGED);
		this.rememberedDevices.forgetAll(account.id());
		this.mails.passwordReset(account, locale);
		this.audit.record(RecoveryEvent.PASSWORD_RESET, AuditOutcome.SUCCESS, account.id(), account.login(), how);
	}

	/**
	 * A link an administrator sent, or {@code admin-recover} printed, works whatever the policy; one asked for on
	 * the sign-in page, only while open.
	 */
	private Optional<ResetLink> liveLink(String token) {
		Optional<ResetLink> sent = this.links.peek(token, LinkPurpose.ADMINISTRATOR_RESET)
			.map(id -> new ResetLink(id, LinkPurpose.ADMINISTRATOR_RESET))
			.or(() -> this.links.peek(token, LinkPurpose.ADMINISTRATOR_RECOVERY)
				.map(id -> new ResetLink(id, LinkPurpose.ADMINISTRATOR_RECOVERY)));
		if (sent.isPresent() || !selfServiceOpen()) {
			return sent;
		}
		return this.links.peek(token, LinkPurpose.PASSWORD_RESET)
			.map(id -> new ResetLink(id, LinkPurpose.PASSWORD_RESET));
	}

	private Optional<Account> activeAccount(long id) {
		return this.accounts.findById(id).filter(account -> account.status() == AccountStatus.ACTIVE);
	}

	private record ResetLink(long accountId, LinkPurpose purpose) {
	}

}
