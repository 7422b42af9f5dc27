package org.latchkey.policy;

import java.util.Set;

/**
 * The organisation's authentication policy as it stands.
 *
 * @param passwordMinLengthWithTwoFactor the shortest password accepted while 2FA is required (8 to 15)
 */
public record Policy(TwoFactorMode twoFactorMode, Set<SecondFactorKind> allowedMethods,
		int passwordMinLengthWithTwoFactor) {

	/** NIST SP 800-63B-4 §3.1.1.2: 15 for a password used alone, at least 8 when it is one factor of two. */
	public static final int LOWEST_PASSWORD_MIN_LENGTH = 8;

	public boolean allows(SecondFactorKind method) {
		return this.allowedMethods.contains(method);
	}

	public boolean twoFactorRequired() {
		return this.twoFactorMode == TwoFactorMode.REQUIRED;
	}

}
