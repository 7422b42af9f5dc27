package org.latchkey.sso;

import java.util.List;

/**
 * A registered identity provider, as the console and the sign-in page show it: never its client secret, only the
 * secret's last four characters.
 */
public record SsoProvider(long id, String issuer, String displayName, String buttonLabel, String clientId,
		String clientSecretHint, String scopes, String linkClaim, ProviderLinking linking,
		SecondFactorAfterSso secondFactor, List<String> acceptedAcr, ProviderDiscovery discovery, boolean enabled) {
}
