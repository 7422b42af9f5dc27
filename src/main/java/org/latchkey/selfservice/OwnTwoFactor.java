package org.latchkey.selfservice;

import org.latchkey.audit.AuditLog;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Turn on 2FA" on My account while 2FA is optional: a user who has a method they may use (a 2FA email
 * included) asks to be asked for it at every sign-in. Until then, while 2FA is optional, they sign in with
 * their password alone, whatever methods they have. Turning it on ends every session of the user, as
 * configuring an app does, so the next sign-in asks for a code.
 */
@Service
public class OwnTwoFactor {

	private final TwoFactorOptIns optIns;

	private final AllowedSecondFactors methods;

	private final OrganisationPolicy policy;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	OwnTwoFactor(TwoFactorOptIns optIns, AllowedSecondFactors methods, OrganisationPolicy policy,
			SignedInSessions sessions, AuditLog audit) {
		this.optIns = optIns;
		this.methods = methods;
		this.policy = policy;
		this.sessions = sessions;
		this.audit = audit;
	}

	/** Whether the user turned 2FA on for themselves. */
	public boolean isOn(SignInPrincipal principal) {
		return this.optIns.isOn(principal.accountId());
	}

	/** Whether the user may turn 2FA on now: it is optional, off for them, and they have a method to be asked. */
	public boolean mayTurnOn(SignInPrincipal principal) {
		return this.policy.current().twoFactorMode() == TwoFactorMode.OPTIONAL && !isOn(principal)
				&& this.methods.of(principal.accountId()).any();
	}

	/**
	 * Turns 2FA on for the user; every session of theirs ends (the caller's included: it must forget its own).
	 * @return false when {@link #mayTurnOn} does not allow it; nothing changed
	 */
	@Transactional
	public boolean turnOn(SignInPrincipal principal) {
		if (!mayTurnOn(principal) || !this.optIns.turnOn(principal.accountId())) {
			return false;
		}
		this.audit.success(SelfServiceEvent.TWO_FACTOR_TURNED_ON, principal.accountId(), principal.getUsername());
		this.sessions.endAllOf(principal.accountId(), EndReason.TWO_FACTOR_CONFIGURED);
		return true;
	}

}
