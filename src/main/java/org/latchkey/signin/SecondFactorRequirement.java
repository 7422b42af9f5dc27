package org.latchkey.signin;

import org.latchkey.factor.AuthenticatorApps;
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

	private final AuthenticatorApps apps;

	SecondFactorRequirement(OrganisationPolicy policy, EmailFactors emailFactors, AuthenticatorApps apps) {
		this.policy = policy;
		this.emailFactors = emailFactors;
		this.apps = apps;
	}

	boolean appliesTo(long accountId) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		return switch (mode) {
			case REQUIRED -> true;
			case OPTIONAL -> this.apps.isEnrolled(accountId) || this.emailFactors.addressOf(accountId).isPresent();
			case OFF -> false;
		};
	}

}
