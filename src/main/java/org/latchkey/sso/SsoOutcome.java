package org.latchkey.sso;

import org.springframework.security.core.Authentication;

/** How a provider's callback ended: a person to sign in, or a refusal to show. */
public sealed interface SsoOutcome {

	/**
	 * The provider vouched for someone with an active account. When {@code secondFactorOwed}, the
	 * authentication is half signed in (no role) until Latchkey's own second factor completes it.
	 */
	record Accepted(Authentication authentication, boolean secondFactorOwed) implements SsoOutcome {
	}

	/** The sign-in is refused: the page says why ({@code sso.failure.<reason>}); it was audited. */
	record Refused(SsoFailure reason, String providerName) implements SsoOutcome {
	}

}
