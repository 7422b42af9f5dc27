package org.latchkey.signin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.latchkey.policy.SecondFactorKind;

/**
 * A user's second factors as the policy stands: those they have, those allowed now, and the one asked first.
 *
 * @param enrolled the methods the user has, allowed or not
 * @param allowed the methods the organisation allows now (SMS only while a provider is configured)
 * @param defaultMethod the method asked first: the user's choice while they can use it, else the strongest
 * they can use (app, then SMS, then email); a passkey always; {@code null} when they can use none
 */
public record UserMethods(Set<SecondFactorKind> enrolled, Set<SecondFactorKind> allowed,
		SecondFactorKind defaultMethod) {

	/** The strongest first: the order in which a method is asked when the user chose none. */
	public static final List<SecondFactorKind> STRENGTH = List.of(SecondFactorKind.PASSKEY,
			SecondFactorKind.AUTHENTICATOR_APP,
			SecondFactorKind.SMS_CODE, SecondFactorKind.EMAIL_CODE);

	static UserMethods of(Set<SecondFactorKind> enrolled, Set<SecondFactorKind> allowed,
			SecondFactorKind chosen) {
		Set<SecondFactorKind> usable = EnumSet.noneOf(SecondFactorKind.class);
		usable.addAll(enrolled);
		usable.retainAll(allowed);
		// a passkey, the one method a phishing page cannot relay, is offered first whatever the user chose
		SecondFactorKind first = usable.contains(SecondFactorKind.PASSKEY) ? SecondFactorKind.PASSKEY
				: (chosen != null && usable.contains(chosen)) ? chosen
				: STRENGTH.stream().filter(usable::contains).findFirst().orElse(null);
		return new UserMethods(Set.copyOf(enrolled), Set.copyOf(allowed), first);
	}

	/** Whether the user has {@code method} and may use it now. */
	public boolean canUse(SecondFactorKind method) {
		return this.enrolled.contains(method) && this.allowed.contains(method);
	}

	/** Whether the user has a method they may use now; without one, they enrol an allowed one. */
	public boolean any() {
		return this.defaultMethod != null;
	}

	/** The methods the user may use now other than {@code method}, strongest first. */
	public List<SecondFactorKind> besides(SecondFactorKind method) {
		return STRENGTH.stream().filter(other -> other != method && canUse(other)).toList();
	}

	/** The methods the user may use now, strongest first. */
	public List<SecondFactorKind> usable() {
		return besides(null);
	}

	public boolean allows(SecondFactorKind method) {
		return this.allowed.contains(method);
	}

}
