package org.latchkey.signin;

import java.util.EnumSet;
import java.util.Set;

import org.latchkey.factor.Enrolments;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.sms.SmsSettings;

import org.springframework.stereotype.Service;

/**
 * The second factors the organisation allows now and those each user may use: the one place that applies
 * the allowed methods, to enrolment, sign-in and My account alike. SMS codes count as allowed only while an
 * SMS provider is configured, whatever the policy says.
 */
@Service
public class AllowedSecondFactors {

	private final OrganisationPolicy policy;

	private final Enrolments enrolments;

	private final SmsSettings sms;

	AllowedSecondFactors(OrganisationPolicy policy, Enrolments enrolments, SmsSettings sms) {
		this.policy = policy;
		this.enrolments = enrolments;
		this.sms = sms;
	}

	/** The methods users may enrol and sign in with now. */
	public Set<SecondFactorKind> allowed() {
		Set<SecondFactorKind> allowed = EnumSet.noneOf(SecondFactorKind.class);
		allowed.addAll(this.policy.current().allowedMethods());
		if (!smsProviderConfigured()) {
			allowed.remove(SecondFactorKind.SMS_CODE);
		}
		return allowed;
	}

	public boolean allows(SecondFactorKind method) {
		return allowed().contains(method);
	}

	public UserMethods of(long accountId) {
		Enrolments.Enrolled enrolled = this.enrolments.withChoice(accountId);
		return UserMethods.of(enrolled.methods(), allowed(), enrolled.chosen());
	}

	/**
	 * The methods a user may sign in (or step up) with: an administrator, while the policy asks administrators
	 * for a phishing-resistant method, only a passkey.
	 */
	public UserMethods forSignIn(long accountId, boolean administrator) {
		Enrolments.Enrolled enrolled = this.enrolments.withChoice(accountId);
		return UserMethods.of(enrolled.methods(), allowedForSignIn(administrator), enrolled.chosen());
	}

	/**
	 * Whether a user who has {@code method} may sign in (or step up) with it, as {@link #forSignIn} has it, without
	 * reading what the user has: for a check that reads the method's own secret anyway.
	 */
	public boolean allowsForSignIn(SecondFactorKind method, boolean administrator) {
		return allowedForSignIn(administrator).contains(method);
	}

	private Set<SecondFactorKind> allowedForSignIn(boolean administrator) {
		Set<SecondFactorKind> allowed = allowed();
		// only while passkeys are allowed: an administrator is never left with no method at all
		if (administrator && allowed.contains(SecondFactorKind.PASSKEY)
				&& this.policy.passkeys().administratorsNeedPasskey()) {
			allowed.retainAll(Set.of(SecondFactorKind.PASSKEY));
		}
		return allowed;
	}

	/** Whether a passkey that verified its user may sign in without a password now. */
	public boolean passkeySignInWithoutPassword() {
		return allows(SecondFactorKind.PASSKEY) && this.policy.passkeys().signInWithoutPassword();
	}

	/** Whether SMS can be delivered at all: a provider is configured. */
	public boolean smsProviderConfigured() {
		return this.sms.configured();
	}

	/** The country calling codes phone numbers may have; empty when every code is allowed. */
	public Set<Integer> allowedCallingCodes() {
		return this.sms.allowedCountryCodes();
	}

}
