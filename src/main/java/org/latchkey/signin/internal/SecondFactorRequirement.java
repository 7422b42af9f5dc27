package org.latchkey.signin.internal;

import org.latchkey.factor.Enrolments;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.signin.EnrolmentDeadline;

import org.springframework.stereotype.Component;

/**
 * Decides, once per sign-in, whether a second factor is owed: while the policy requires it, always but for a user
 * with no method yet during the grace period ({@link EnrolmentDeadline}); while it
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

	private final EnrolmentDeadline deadline;

	SecondFactorRequirement(OrganisationPolicy policy, Enrolments enrolments, TwoFactorOptIns optIns,
			EnrolmentDeadline deadline) {
		this.deadline = deadline;
		this.policy = policy;
		this.enrolments = enrolments;
		this.optIns = optIns;
	}

	boolean appliesTo(long accountId) {
		TwoFactorMode mode = this.policy.current().twoFactorMode();
		return switch (mode) {
			// until the grace period's deadline, a user with no method yet signs in with the password alone
			case REQUIRED -> !this.deadline.graceFor(accountId);
			case OPTIONAL -> this.optIns.isOn(accountId) && !this.enrolments.of(accountId).isEmpty();
			case OFF -> false;
		};
	}

}
