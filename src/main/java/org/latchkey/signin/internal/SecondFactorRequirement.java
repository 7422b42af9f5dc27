package org.latchkey.signin.internal;

import org.latchkey.factor.Enrolments;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.stereotype.Component;

/**
 * Decides, once per sign-in, whether a second factor is owed: always while the policy requires it, when the
 * user turned it on for themselves (has any method, allowed or not: one no longer allowed is replaced at
 * step 2) while it is optional, never while it is off. The decision lasts the
 * session: changing the policy ends the sessions it concerns.
 */
@Component
class SecondFactorRequirement {

	private final OrganisationPolicy policy;

	private final Enrolments enrolments;

	SecondFactorRequirement(OrganisationPolicy policy, Enrolments enrolments) {
		this.policy = policy;
		this.enrolments = enrolments;
	}

	boolean appliesTo(long accountId) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		return switch (mode) {
			case REQUIRED -> true;
			case OPTIONAL -> !this.enrolments.of(accountId).isEmpty();
			case OFF -> false;
		};
	}

}
