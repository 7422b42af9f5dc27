package org.latchkey.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An application registered to sign people in through Latchkey, as the console shows it.
 *
 * @param id the registration's id (in console URLs)
 * @param clientId what the application sends as {@code client_id}
 * @param confidential whether it authenticates with a secret (a server-side application); public clients
 * (single-page and native applications) cannot keep one and must use PKCE
 * @param firstParty whether it belongs to the organisation, so that people are not asked to consent
 */
public record OidcClient(String id, String clientId, String name, boolean confidential, boolean firstParty,
		List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> scopes, boolean enabled,
		Instant createdAt) {
}
