/**
 * Single sign-on through the organisation's identity providers (OpenID Connect): the providers an administrator
 * registers (discovery, client secret sealed, linking and second-factor policy), the authorization code flow with
 * PKCE, {@code state} and {@code nonce}, the validation of the provider's ID token, and which Latchkey account the
 * person signs in to. The entry points carry the browser; every rule of the flow is here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Single sign-on")
package org.latchkey.sso;
