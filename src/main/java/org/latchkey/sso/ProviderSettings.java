package org.latchkey.sso;

import java.util.List;

/**
 * What an administrator sets for a provider, as typed (checked by {@link SsoProviders}).
 *
 * @param clientSecret the client secret; blank when a change keeps the one stored
 * @param scopes the scopes asked, space-separated ({@code openid} is always asked)
 * @param linkClaim the ID token claim whose value is matched to the accounts' business email the first time
 * @param acceptedAcr the {@code acr} values that show a second factor, for {@link SecondFactorAfterSso#PROVIDER_MFA}
 */
public record ProviderSettings(String displayName, String buttonLabel, String clientId, String clientSecret,
		String scopes, String linkClaim, ProviderLinking linking, SecondFactorAfterSso secondFactor,
		List<String> acceptedAcr) {
}
