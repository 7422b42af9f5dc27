package org.latchkey.sso;

import java.io.Serializable;

/**
 * An authorization request sent to a provider, which the entry point keeps in the browser's session until the
 * callback: the browser goes to {@link #authorizationUrl}, and {@link SsoSignIn#finish} checks what comes back
 * against the rest. Its values are secrets of this sign-in (the PKCE verifier above all).
 */
public record SsoRequest(long providerId, String state, String nonce, String codeVerifier, String redirectUri,
		String authorizationUrl) implements Serializable {

	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return "SsoRequest[provider=" + this.providerId + "]";
	}

}
