package org.latchkey.sso;

/**
 * What an issuer's discovery document ({@code /.well-known/openid-configuration}) says, as the console shows it
 * for the administrator to confirm.
 *
 * @param endSessionEndpoint where to sign out at the provider, or {@code null} when it advertises none
 */
public record ProviderDiscovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
		String endSessionEndpoint) {
}
