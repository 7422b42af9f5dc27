package org.latchkey.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.Enrolments;
import org.latchkey.factor.Passkey;
import org.latchkey.factor.Passkeys;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * My account → Passkeys: add a passkey (named by its owner), list them, remove one. Adding and removing ask for
 * a second factor presented in the last five minutes (the sign-in's step-up gives one, a passkey included);
 * under {@code required} the last method a user may use cannot be removed, decided with the account's row
 * locked. A removal is audited and the owner is told by email.
 */
@Service
public class PasskeySetup {

	/** How recent the second factor must be to add or remove a passkey. */
	public static final Duration FRESH = Duration.ofMinutes(5);

	private final Passkeys passkeys;

	private final AllowedSecondFactors methods;

	private final Enrolments enrolments;

	private final OrganisationPolicy policy;

	private final AccountManagement accounts;

	private final TwoFactorOptIns optIns;

	private final MethodNotices notices;

	private final AuditLog audit;

	private final Clock clock;

	PasskeySetup(Passkeys passkeys, AllowedSecondFactors methods, Enrolments enrolments, OrganisationPolicy policy,
			AccountManagement accounts, TwoFactorOptIns optIns, MethodNotices notices, AuditLog audit, Clock clock) {
		this.passkeys = passkeys;
		this.methods = methods;
		this.enrolments = enrolments;
		this.policy = policy;
		this.accounts = accounts;
		this.optIns = optIns;
		this.notices = notices;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the organisation allows passkeys now. */
	public boolean allowed() {
		return this.methods.allows(SecondFactorKind.PASSKEY);
	}

	public List<Passkey> of(SignInPrincipal principal) {
		return this.passkeys.of(principal.accountId());
	}

	/**
	 * Whether a change needs a fresher second factor than the session's: a user with a method to prove
	 * themselves with, while 2FA is not off, whose last second factor is older than {@link #FRESH} (or who
	 * signed in with a password alone).
	 * @param secondFactorAt when the session's newest second factor was presented, null for none
	 */
	public boolean needsFreshFactor(SignInPrincipal principal, @Nullable Instant secondFactorAt, boolean stepUpPossible) {
		if (!stepUpPossible || !this.methods.of(principal.accountId()).any()) {
			return false;
		}
		return secondFactorAt == null || secondFactorAt.plus(FRESH).isBefore(this.clock.instant());
	}

	/**
	 * The options for the browser's {@code navigator.credentials.create}.
	 * @throws InvalidAccountException on {@code credential} while passkeys are not allowed
	 */
	public Map<String, Object> creationOptions(SignInPrincipal principal, byte[] challenge) {
		if (!allowed()) {
			throw new InvalidAccountException("credential", "passkeys.not-allowed");
		}
		Account account = this.accounts.findById(principal.accountId()).orElseThrow();
		return this.passkeys.creationOptions(account.id(), account.login(), account.displayName(), challenge);
	}

	/**
	 * Registers the passkey the browser created over {@code challenge}; audited. It turns 2FA on for the user
	 * when 2FA is optional, as an authenticator app does.
	 * @throws InvalidAccountException on {@code step} when the session's second factor is not fresh, on
	 * {@code name} or {@code credential} when they cannot be used
	 */
	@Transactional
	public Passkey add(SignInPrincipal principal, boolean freshEnough, String name, byte[] challenge, Instant issuedAt,
			String credential) {
		if (!allowed()) {
			throw new InvalidAccountException("credential", "passkeys.not-allowed");
		}
		if (!freshEnough) {
			throw new InvalidAccountException("step", "passkeys.fresh-needed");
		}
		Passkey added;
		try {
			added = this.passkeys.register(principal.accountId(), name, challenge, issuedAt, credential);
		}
		catch (InvalidAccountException ex) {
			this.audit.record(SelfServiceEvent.PASSKEY_ADDED, AuditOutcome.FAILURE, principal.accountId(),
					principal.getUsername(), ex.messageKey());
			throw ex;
		}
		this.optIns.turnOn(principal.accountId());
		this.audit.record(SelfServiceEvent.PASSKEY_ADDED, AuditOutcome.SUCCESS, principal.accountId(),
				principal.getUsername(), "\"" + added.name() + "\"" + (added.synced() ? " (synced)" : " (device-bound)"));
		return added;
	}

	/**
	 * Removes one of the user's passkeys; audited, and the owner is told by email.
	 * @throws InvalidAccountException on {@code step} when the session's second factor is not fresh, on
	 * {@code method} when it is the last method the user may use while 2FA is required, on {@code passkey} when
	 * the user has no such passkey
	 */
	@Transactional
	public String remove(SignInPrincipal principal, boolean freshEnough, long passkeyId, Locale locale) {
		if (!freshEnough) {
			throw new InvalidAccountException("step", "passkeys.fresh-needed");
		}
		long id = principal.accountId();
		Set<SecondFactorKind> enrolled = this.enrolments.lock(id);
		if (this.policy.current().twoFactorRequired() && this.passkeys.of(id).size() <= 1) {
			UserMethods mine = this.methods.of(id);
			Set<SecondFactorKind> left = EnumSet.noneOf(SecondFactorKind.class);
			left.addAll(enrolled);
			left.remove(SecondFactorKind.PASSKEY);
			left.retainAll(mine.allowed());
			if (left.isEmpty()) {
				throw new InvalidAccountException("method", "methods.last");
			}
		}
		String name = this.passkeys.remove(id, passkeyId)
			.orElseThrow(() -> new InvalidAccountException("passkey", "passkeys.not-found"));
		this.audit.record(SelfServiceEvent.SECOND_FACTOR_REMOVED, AuditOutcome.SUCCESS, id, principal.getUsername(),
				"PASSKEY \"" + name + "\"");
		this.notices.removed(id, SecondFactorKind.PASSKEY, false, locale);
		return name;
	}

}
