package org.latchkey.oidc;

/**
 * A client just registered, or whose secret was just replaced, with its secret in clear: shown once, never
 * stored (only its hash is).
 *
 * @param secret the client secret, {@code null} for a public client
 */
public record RegisteredApplication(OidcClient client, String secret) {
}
