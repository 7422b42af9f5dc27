package org.latchkey.sso.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Latchkey waits for an identity provider, and how long a person has to come back from one.
 *
 * @param httpTimeout the longest a request to a provider (discovery, token, keys) may take, connection included
 * @param requestLifetime how long an authorization request's {@code state} may be brought back
 */
@ConfigurationProperties("latchkey.sso")
public record SsoSettings(@DefaultValue("5s") Duration httpTimeout, @DefaultValue("10m") Duration requestLifetime) {
}
