/**
 * The OpenID Connect provider: applications sign people in through Latchkey's own two-step sign-in
 * (authorization code with PKCE, refresh tokens with rotation, userinfo, RP-initiated logout, revocation).
 * Clients, authorizations, consents and signing keys live in the database, so every node serves one issuer;
 * ID tokens say how the person signed in ({@code amr}, {@code acr}, {@code auth_time}); applications can ask
 * for a fresh second factor; ending a session revokes the tokens granted in it. Its public face is the client
 * register the console uses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "OpenID Connect provider")
package org.latchkey.oidc;
