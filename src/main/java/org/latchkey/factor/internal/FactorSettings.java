package org.latchkey.factor.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rules of one-time codes.
 *
 * @param codeLifetime how long a code is valid
 * @param maxAttempts wrong tries after which a code is dead
 * @param resendInterval the shortest wait between two codes of the same purpose
 * @param maxSends codes one user may be sent within {@code sendWindow}
 * @param sendWindow the window of {@code maxSends}
 * @param totpIssuer the name authenticator apps show above the account
 * @param totpEnrolmentLifetime how long a new authenticator secret waits for its first code
 */
@ConfigurationProperties("latchkey.factor")
public record FactorSettings(@DefaultValue("10m") Duration codeLifetime, @DefaultValue("5") int maxAttempts,
		@DefaultValue("30s") Duration resendInterval, @DefaultValue("5") int maxSends,
		@DefaultValue("15m") Duration sendWindow, @DefaultValue("Latchkey") String totpIssuer,
		@DefaultValue("10m") Duration totpEnrolmentLifetime) {
}
