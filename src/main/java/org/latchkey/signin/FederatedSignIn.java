package org.latchkey.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

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

	private static final String PREFIX = "SSO:";

	@Override
	public String getAuthority() {
		return AUTHORITY;
	}

	/**
	 * The same facts as plain authorities, for where only Spring Security's own authority types may be stored
	 * (the authorization server's JSON): {@link #of} reads them back.
	 */
	public List<GrantedAuthority> asPlainAuthorities() {
		List<GrantedAuthority> plain = new ArrayList<>();
		plain.add(new SimpleGrantedAuthority(PREFIX + "provider=" + this.providerId));
		this.amr.forEach(method -> plain.add(new SimpleGrantedAuthority(PREFIX + "amr=" + method)));
		if (this.acr != null) {
			plain.add(new SimpleGrantedAuthority(PREFIX + "acr=" + this.acr));
		}
		if (this.secondFactorShown) {
			plain.add(new SimpleGrantedAuthority(PREFIX + "mfa"));
		}
		return plain;
	}

	/** What an identity provider said, among {@code authorities}, in either form; empty when none did. */
	public static Optional<FederatedSignIn> of(Collection<? extends GrantedAuthority> authorities) {
		Long provider = null;
		List<String> amr = new ArrayList<>();
		String acr = null;
		boolean shown = false;
		for (GrantedAuthority authority : authorities) {
			if (authority instanceof FederatedSignIn federated) {
				return Optional.of(federated);
			}
			String name = String.valueOf(authority.getAuthority());
			if (name.startsWith(PREFIX + "provider=")) {
				provider = Long.valueOf(name.substring((PREFIX + "provider=").length()));
			}
			else if (name.startsWith(PREFIX + "amr=")) {
				amr.add(name.substring((PREFIX + "amr=").length()));
			}
			else if (name.startsWith(PREFIX + "acr=")) {
				acr = name.substring((PREFIX + "acr=").length());
			}
			else if (name.equals(PREFIX + "mfa")) {
				shown = true;
			}
		}
		return (provider != null) ? Optional.of(new FederatedSignIn(provider, amr, acr, shown)) : Optional.empty();
	}

}
