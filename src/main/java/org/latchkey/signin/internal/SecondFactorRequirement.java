package org.latchkey.signin.internal;

import org.latchkey.factor.Enrolments;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.stereotype.Component;

/**
 * Decides, once per sign-in, whether a second factor is owed: always while the policy requires it; while it
 * is optional, when the user turned 2FA on for themselves and has a method (allowed or not: one no longer
 * allowed is replaced at step 2), so a 2FA email kept from a time 2FA was required asks nothing by itself;
 * never while it is off. The decision lasts the
 * session: changing the policy ends the sessions it concerns.
 */
@Component
class SecondFactorRequirement {

	private final OrganisationPolicy policy;

	private final Enrolments enrolments;

	private final TwoFactorOptIns optIns;

	SecondFactorRequirement(OrganisationPolicy policy, Enrolments enrolments, TwoFactorOptIns optIns) {
		this.policy = policy;
		this.enrolments = enrolments;
		this.optIns = optIns;
	}

	boolean appliesTo(long accountId) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		return switch (mode) {
			case REQUIRED -> true;
			case OPTIONAL -> this.optIns.isOn(accountId) && !this.enrolments.of(accountId).isEmpty();
			case OFF -> false;
		};
	}

}
