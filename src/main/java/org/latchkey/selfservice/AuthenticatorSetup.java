package org.latchkey.selfservice;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.TotpEnrolment;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.selfservice.internal.StepUpPermits;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.TypedCodes;
import org.latchkey.stepup.StepUpProofs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Configure 2FA" with an authenticator app, as the seed describes it: a secret shown once as a QR code, a
 * code from the app to confirm it, then every session of the user ends so that the next sign-in asks for a
 * token. The user is told by email.
 */
@Service
public class AuthenticatorSetup {

	private final AuthenticatorApps apps;

	private final AccountManagement accounts;

	private final SignedInSessions sessions;

	private final MailQueue mail;

	private final AuditLog audit;

	private final OrganisationPolicy policy;

	private final AllowedSecondFactors methods;

	private final StepUpPermits permits;

	private final TwoFactorOptIns optIns;

	private final StepUpProofs proofs;

	AuthenticatorSetup(AuthenticatorApps apps, AccountManagement accounts, SignedInSessions sessions, MailQueue mail,
			AuditLog audit, OrganisationPolicy policy, AllowedSecondFactors methods, StepUpPermits permits,
			TwoFactorOptIns optIns, StepUpProofs proofs) {
		this.optIns = optIns;
		this.proofs = proofs;
		this.policy = policy;
		this.methods = methods;
		this.permits = permits;
		this.apps = apps;
		this.accounts = accounts;
		this.sessions = sessions;
		this.mail = mail;
		this.audit = audit;
	}

	/**
	 * Whether users may configure an app now: while the organisation has two-factor authentication on or
	 * optional, and allows authenticator apps.
	 */
	public boolean isAvailable() {
		return this.policy.current().twoFactorMode() != TwoFactorMode.OFF
				&& this.methods.allows(SecondFactorKind.AUTHENTICATOR_APP);
	}

	/**
	 * Whether this browser may start an enrolment: at once for a user with no method yet; otherwise only once a
	 * fresh second factor allowed it ({@link MethodChange}), so that whoever holds the session cannot add an app
	 * of their own and sign in without the user's other factor.
	 */
	public boolean mayStart(SignInPrincipal principal, BrowserSession browser) {
		MethodChange.Action action = isConfigured(principal) ? MethodChange.Action.REPLACE_APP
				: MethodChange.Action.ADD_APP;
		return isAvailable() && (!this.methods.of(principal.accountId()).any()
				|| this.permits.holds(browser, principal.accountId(), action));
	}

	/** Starts an enrolment when {@link #mayStart} allows it. */
	public Optional<TotpEnrolment> start(SignInPrincipal principal, BrowserSession browser) {
		return mayStart(principal, browser)
				? Optional.of(this.apps.start(principal.accountId(), principal.getUsername())) : Optional.empty();
	}

	public Optional<TotpEnrolment> pending(SignInPrincipal principal) {
		return this.apps.pending(principal.accountId(), principal.getUsername());
	}

	public boolean isConfigured(SignInPrincipal principal) {
		return this.apps.isEnrolled(principal.accountId());
	}

	/**
	 * Confirms the pending app with a code from it. On success the app is in use, every session of the user
	 * ends (the caller's included: it must forget its own), and the user is told.
	 * @return false when the code does not match the pending secret (or none is pending)
	 * @throws org.latchkey.account.InvalidAccountException on {@code code} when it is not six digits (no try is
	 * counted) or while the account is locked
	 */
	@Transactional
	public boolean confirm(SignInPrincipal principal, BrowserSession browser, String code, Locale locale) {
		String digits = TypedCodes.digits(code);
		this.proofs.refuseWhileLocked(principal, browser.attempt(), "code");
		if (!isAvailable() || !this.apps.confirm(principal.accountId(), digits)) {
			this.audit.record(SelfServiceEvent.AUTHENTICATOR_APP_CONFIGURED, AuditOutcome.FAILURE,
					principal.accountId(), principal.getUsername(), "wrong code");
			this.proofs.failed(principal, browser.attempt());
			return false;
		}
		this.audit.success(SelfServiceEvent.AUTHENTICATOR_APP_CONFIGURED, principal.accountId(),
				principal.getUsername());
		// configuring an app is turning 2FA on: while it is optional, the next sign-in asks for the app's code
		this.optIns.turnOn(principal.accountId());
		this.sessions.endAllOf(principal.accountId(), EndReason.TWO_FACTOR_CONFIGURED);
		Account account = this.accounts.findById(principal.accountId()).orElseThrow();
		this.mail.enqueue(new Email(account.businessEmail(), "authenticator-configured", locale,
				Map.of("name", account.displayName())));
		return true;
	}

}
