package org.latchkey.recovery;

import java.util.List;
import java.util.Locale;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountNotFoundException;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.Passkey;
import org.latchkey.factor.Passkeys;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.selfservice.MethodNotices;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator's view of a user's passkeys, and the removal of one the user lost: the user's sessions end,
 * their business email is told, and the removal is audited with the administrator's id. An administrator
 * removes their own passkeys from My account, with a fresh second factor, not here.
 */
@Service
public class PasskeyRemovals {

	private final Passkeys passkeys;

	private final AccountManagement accounts;

	private final SignedInSessions sessions;

	private final MethodNotices notices;

	private final AuditLog audit;

	PasskeyRemovals(Passkeys passkeys, AccountManagement accounts, SignedInSessions sessions, MethodNotices notices,
			AuditLog audit) {
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.sessions = sessions;
		this.notices = notices;
		this.audit = audit;
	}

	/** The user's passkeys, oldest first. */
	public List<Passkey> of(long accountId) {
		return this.passkeys.of(accountId);
	}

	/**
	 * Removes one of the user's passkeys.
	 * @return false when the user has no such passkey, in which case nothing changed
	 * @throws InvalidAccountException on the field {@code recovery} for the administrator's own account
	 */
	@Transactional
	public boolean remove(long accountId, long passkeyId, long administratorId, Locale locale) {
		Account account = this.accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
		if (accountId == administratorId) {
			throw new InvalidAccountException("recovery", "password-reset.admin.self");
		}
		String name = this.passkeys.remove(accountId, passkeyId).orElse(null);
		if (name == null) {
			return false;
		}
		this.sessions.endAllOf(account.id(), EndReason.ADMINISTRATOR);
		this.notices.removed(account.id(), SecondFactorKind.PASSKEY, true, locale);
		this.audit.record(RecoveryEvent.PASSKEY_REMOVED, AuditOutcome.SUCCESS, account.id(), account.login(),
				"\"" + name + "\" by administrator " + administratorId);
		return true;
	}

}
