package org.latchkey.signin;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;

/**
 * What an upstream identity provider said about a sign-in it vouched for (single sign-on), kept with the
 * sign-in's factors: which provider, the methods ({@code amr}) and the context class ({@code acr}) its ID token
 * named, and whether they show a second factor by the provider's policy in Latchkey. The ID tokens Latchkey
 * issues afterwards pass them on; the session is recorded as opened through that provider.
 *
 * @param providerId the provider's id in Latchkey
 * @param amr the {@code amr} values of the provider's ID token, possibly none
 * @param acr the {@code acr} of the provider's ID token, or {@code null}
 * @param secondFactorShown whether the ID token showed a second factor ({@code amr} has {@code mfa}, or the
 * {@code acr} is one the administrator listed)
 */
public record FederatedSignIn(long providerId, List<String> amr, String acr, boolean secondFactorShown)
		implements GrantedAuthority {

	private static final long serialVersionUID = 1L;

	/** The authority's name: it grants nothing, it only travels with the sign-in's factors. */
	public static final String AUTHORITY = "FEDERATED_SIGN_IN";

	public FederatedSignIn {
		amr = List.copyOf(amr);
	}

	@Override
	public String getAuthority() {
		return AUTHORITY;
	}

}
