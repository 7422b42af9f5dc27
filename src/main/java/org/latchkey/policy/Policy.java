package org.latchkey.policy;

import java.util.Set;

/** The organisation's authentication policy as it stands. */
public record Policy(TwoFactorMode twoFactorMode, Set<SecondFactorMethod> allowedMethods) {

	public boolean twoFactorRequired() {
		return this.twoFactorMode == TwoFactorMode.REQUIRED;
	}

}
