package org.latchkey.oidc.internal;

import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Component;

/**
 * The issuer URL: {@code latchkey.oidc.issuer} when set, otherwise the server's public address. It never
 * comes from a request's {@code Host} header, so a proxy in front or a forged header cannot change what
 * applications see in the discovery document and in tokens.
 */
@Component
class Issuer {

	private final OidcSettings settings;

	private final PublicUrl publicUrl;

	Issuer(OidcSettings settings, PublicUrl publicUrl) {
		this.settings = settings;
		this.publicUrl = publicUrl;
	}

	String url() {
		String configured = this.settings.issuer().isBlank() ? this.publicUrl.to("").build().toUriString()
				: this.settings.issuer();
		return configured.replaceAll("/+$", "");
	}

}
