package org.latchkey.signin;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.policy.SecondFactorKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.policy.SecondFactorKind.AUTHENTICATOR_APP;
import static org.latchkey.policy.SecondFactorKind.EMAIL_CODE;
import static org.latchkey.policy.SecondFactorKind.SMS_CODE;

/**
 * Which second factors a user is offered, and which is asked first, given what they enrolled and what the
 * organisation allows now. {@link AllowedSecondFactors#allowed()} leaves SMS out of the allowed methods while no
 * provider is configured, whatever the policy: the cases "without a provider" below are given that set.
 */
class UserMethodsTests {

	/** The methods that take a code; a passkey comes before all of them ({@link #aPasskeyIsAskedFirstWhateverTheUserChose}). */
	private static final Set<SecondFactorKind> ALL = EnumSet.of(EMAIL_CODE, AUTHENTICATOR_APP, SMS_CODE);

	private static final Set<SecondFactorKind> ALL_BUT_SMS = EnumSet.of(EMAIL_CODE, AUTHENTICATOR_APP);

	@Test
	void theUsersChoiceIsAskedFirstWhileTheyCanUseIt() {
		UserMethods methods = UserMethods.of(ALL, ALL, EMAIL_CODE);

		assertThat(methods.defaultMethod()).isEqualTo(EMAIL_CODE);
		assertThat(methods.any()).isTrue();
	}

	@Test
	void aPasskeyIsAskedFirstWhateverTheUserChose() {
		Set<SecondFactorKind> every = EnumSet.allOf(SecondFactorKind.class);

		assertThat(UserMethods.of(every, every, EMAIL_CODE).defaultMethod()).isEqualTo(SecondFactorKind.PASSKEY);
		assertThat(UserMethods.of(every, every, null).besides(SecondFactorKind.PASSKEY))
			.containsExactly(AUTHENTICATOR_APP, SMS_CODE, EMAIL_CODE);
		assertThat(UserMethods.of(every, ALL, EMAIL_CODE).defaultMethod()).isEqualTo(EMAIL_CODE);
	}

	@Test
	void withoutAChoiceTheStrongestUsableMethodIsAskedFirst() {
		assertThat(UserMethods.of(ALL, ALL, null).defaultMethod()).isEqualTo(AUTHENTICATOR_APP);
		assertThat(UserMethods.of(EnumSet.of(SMS_CODE, EMAIL_CODE), ALL, null).defaultMethod()).isEqualTo(SMS_CODE);
		assertThat(UserMethods.of(EnumSet.of(EMAIL_CODE), ALL, null).defaultMethod()).isEqualTo(EMAIL_CODE);
	}

	@Test
	void aChosenSmsGivesWayToTheStrongestOtherMethodWithoutAProvider() {
		UserMethods methods = UserMethods.of(ALL, ALL_BUT_SMS, SMS_CODE);

		assertThat(methods.defaultMethod()).isEqualTo(AUTHENTICATOR_APP);
		assertThat(methods.canUse(SMS_CODE)).isFalse();
		assertThat(methods.usable()).containsExactly(AUTHENTICATOR_APP, EMAIL_CODE);
	}

	@Test
	void aChosenMethodTheUserNoLongerHasGivesWayToOneTheyHave() {
		UserMethods methods = UserMethods.of(EnumSet.of(EMAIL_CODE), ALL, AUTHENTICATOR_APP);

		assertThat(methods.defaultMethod()).isEqualTo(EMAIL_CODE);
	}

	@Test
	void aUserWhoseOnlyMethodIsNoLongerAllowedHasNoneAndMustEnrolAnother() {
		UserMethods methods = UserMethods.of(EnumSet.of(SMS_CODE), ALL_BUT_SMS, SMS_CODE);

		assertThat(methods.any()).isFalse();
		assertThat(methods.defaultMethod()).isNull();
		assertThat(methods.usable()).isEmpty();
		assertThat(methods.enrolled()).containsExactly(SMS_CODE);
		assertThat(methods.allows(EMAIL_CODE)).isTrue();
	}

	@Test
	void aUserWithNothingEnrolledHasNoMethodButIsOfferedTheAllowedOnes() {
		UserMethods methods = UserMethods.of(Set.of(), EnumSet.of(EMAIL_CODE), null);

		assertThat(methods.any()).isFalse();
		assertThat(methods.allowed()).containsExactly(EMAIL_CODE);
		assertThat(methods.allows(AUTHENTICATOR_APP)).isFalse();
	}

	@Test
	void aMethodCanBeUsedOnlyWhenEnrolledAndAllowed() {
		UserMethods methods = UserMethods.of(EnumSet.of(EMAIL_CODE, SMS_CODE), EnumSet.of(EMAIL_CODE, AUTHENTICATOR_APP),
				null);

		assertThat(methods.canUse(EMAIL_CODE)).isTrue();
		assertThat(methods.canUse(SMS_CODE)).as("enrolled, not allowed").isFalse();
		assertThat(methods.canUse(AUTHENTICATOR_APP)).as("allowed, not enrolled").isFalse();
		assertThat(methods.allows(AUTHENTICATOR_APP)).isTrue();
	}

	@Test
	void theOtherUsableMethodsComeStrongestFirstWithoutTheOneAsked() {
		UserMethods methods = UserMethods.of(ALL, ALL, EMAIL_CODE);

		assertThat(methods.usable()).containsExactly(AUTHENTICATOR_APP, SMS_CODE, EMAIL_CODE);
		assertThat(methods.besides(SMS_CODE)).containsExactly(AUTHENTICATOR_APP, EMAIL_CODE);
		assertThat(methods.besides(AUTHENTICATOR_APP)).containsExactly(SMS_CODE, EMAIL_CODE);
	}

	@Test
	void laterChangesToTheGivenSetsDoNotReachTheMethods() {
		Set<SecondFactorKind> enrolled = EnumSet.of(EMAIL_CODE);
		Set<SecondFactorKind> allowed = EnumSet.of(EMAIL_CODE);
		UserMethods methods = UserMethods.of(enrolled, allowed, null);

		enrolled.add(AUTHENTICATOR_APP);
		allowed.add(AUTHENTICATOR_APP);

		assertThat(methods.canUse(AUTHENTICATOR_APP)).isFalse();
		assertThat(methods.allows(AUTHENTICATOR_APP)).isFalse();
	}

}
