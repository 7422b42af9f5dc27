package org.latchkey.selfservice;

import java.util.List;
import java.util.Optional;

import org.latchkey.audit.AuditLog;
import org.latchkey.factor.Enrolments;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.policy.SignInOptions;
import org.latchkey.selfservice.internal.StepUpPermits;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.stereotype.Service;

/**
 * A user's recovery codes on My account: the first set, owed once a user who has a second factor signs in
 * while recovery codes are on and has never said they saved a set; and a new set, replacing the old one, once
 * a fresh second factor proved it is them ({@link MethodChange.Action#NEW_RECOVERY_CODES}). The codes are
 * returned to be shown on the page that asked and are kept nowhere but as keyed hashes.
 */
@Service
public class RecoveryCodeSetup {

	private final RecoveryCodes codes;

	private final Enrolments enrolments;

	private final SignInOptions options;

	private final StepUpPermits permits;

	private final AuditLog audit;

	RecoveryCodeSetup(RecoveryCodes codes, Enrolments enrolments, SignInOptions options, StepUpPermits permits,
			AuditLog audit) {
		this.codes = codes;
		this.enrolments = enrolments;
		this.options = options;
		this.permits = permits;
		this.audit = audit;
	}

	/** What My account shows about recovery codes. */
	public record Status(boolean offered, boolean hasSet, int remaining) {
	}

	public Status status(long accountId) {
		boolean offered = this.options.current().recoveryCodes() && !this.enrolments.of(accountId).isEmpty();
		return new Status(offered, this.codes.hasSavedSet(accountId), this.codes.remaining(accountId));
	}

	/** Whether the user is owed a first set: recovery codes are on, they have a second factor and no saved set. */
	public boolean owed(long accountId) {
		// asked at every sign-in: the cheapest answer first, and nothing read while recovery codes are off
		return this.options.current().recoveryCodes() && !this.codes.hasSavedSet(accountId)
				&& !this.enrolments.of(accountId).isEmpty();
	}

	/** Whether this browser may make a new set now: a first one owed, or a fresh second factor permits it. */
	public boolean mayCreate(SignInPrincipal principal, BrowserSession browser) {
		return owed(principal.accountId()) || (status(principal.accountId()).offered()
				&& this.permits.holds(browser, principal.accountId(), MethodChange.Action.NEW_RECOVERY_CODES));
	}

	/**
	 * Makes a new set, replacing the previous one, when {@link #mayCreate} allows it; a permit is spent.
	 * @return the codes to show once, grouped for reading; empty when this browser may not make a set
	 */
	public Optional<List<String>> create(SignInPrincipal principal, BrowserSession browser) {
		if (!mayCreate(principal, browser)) {
			return Optional.empty();
		}
		this.permits.spend(browser);
		List<String> set = this.codes.replace(principal.accountId());
		this.audit.success(SelfServiceEvent.RECOVERY_CODES_CREATED, principal.accountId(), principal.getUsername());
		return Optional.of(set);
	}

	/** The user ticked "I have saved them". */
	public void saved(SignInPrincipal principal) {
		this.codes.markSaved(principal.accountId());
	}

}
