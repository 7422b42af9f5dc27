package org.latchkey.signin;

import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.stereotype.Component;

/**
 * Decides, once per sign-in, whether a second factor is owed: always while the policy requires it, when the
 * user turned it on for themselves while it is optional, never while it is off. The decision lasts the
 * session: changing the policy ends the sessions it concerns.
 */
@Component
class SecondFactorRequirement {

	private final OrganisationPolicy policy;

	private final EmailFactors emailFactors;

	SecondFactorRequirement(OrganisationPolicy policy, EmailFactors emailFactors) {
		this.policy = policy;
		this.emailFactors = emailFactors;
	}

	boolean appliesTo(long accountId) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		return switch (mode) {
			case REQUIRED -> true;
			case OPTIONAL -> this.emailFactors.addressOf(accountId).isPresent();
			case OFF -> false;
		};
	}

}
