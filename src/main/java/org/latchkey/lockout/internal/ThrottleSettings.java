package org.latchkey.lockout.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Throttling of sign-in attempts per client address.
 *
 * @param clientFailuresPerMinute how many failed sign-in steps (and first-login or reset requests) one client
 * address may make within a minute before the next attempts are answered 429 until the minute is over
 */
@ConfigurationProperties("latchkey.throttle")
public record ThrottleSettings(int clientFailuresPerMinute) {
}
