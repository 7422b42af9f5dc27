package org.latchkey.oidc.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provider's settings.
 *
 * @param issuer the issuer URL applications see and check in tokens; empty means the public address of the
 * server ({@code latchkey.base-url})
 * @param accessTokenLifetime how long an access token (and an ID token) is accepted
 * @param refreshTokenLifetime how long a refresh token lasts; each use replaces it with a new one
 * @param keyRotation how long a signing key signs before the next one takes over; the previous key stays
 * published for one more period, long after the tokens it signed have expired
 */
@ConfigurationProperties("latchkey.oidc")
public record OidcSettings(@DefaultValue("") String issuer, @DefaultValue("PT5M") Duration accessTokenLifetime,
		@DefaultValue("PT8H") Duration refreshTokenLifetime, @DefaultValue("P30D") Duration keyRotation) {
}
