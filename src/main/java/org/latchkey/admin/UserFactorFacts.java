package org.latchkey.admin;

import org.latchkey.factor.Enrolments;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.stereotype.Component;

/**
 * What the console shows about a user's second factors beside their details, read by the users list and the
 * profile pages ({@code @userFactorFacts} in the templates): who has no method yet while 2FA is on, and how
 * many recovery codes a user has left (never the codes).
 */
@Component("userFactorFacts")
public class UserFactorFacts {

	private final Enrolments enrolments;

	private final RecoveryCodes recoveryCodes;

	private final OrganisationPolicy policy;

	UserFactorFacts(Enrolments enrolments, RecoveryCodes recoveryCodes, OrganisationPolicy policy) {
		this.enrolments = enrolments;
		this.recoveryCodes = recoveryCodes;
		this.policy = policy;
	}

	/** Whether the user has set up no second factor while 2FA is optional or required. */
	public boolean lacksMethod(long accountId) {
		return this.policy.current().twoFactorMode() != TwoFactorMode.OFF && this.enrolments.of(accountId).isEmpty();
	}

	/** How many recovery codes the user has left; -1 when they never saved a set. */
	public int recoveryCodesLeft(long accountId) {
		return this.recoveryCodes.hasSavedSet(accountId) ? this.recoveryCodes.remaining(accountId) : -1;
	}

}
