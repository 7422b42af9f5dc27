package org.latchkey.verify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the Verify API, per key.
 *
 * @param requestsPerWindow the most requests one key makes in {@code window}; more are answered 429
 * @param window the rate limit's window
 * @param sendsPerKey the most codes one key sends within the window of the code rules (15 minutes)
 */
@ConfigurationProperties("latchkey.api")
public record VerifyApiSettings(@DefaultValue("120") int requestsPerWindow, @DefaultValue("1m") Duration window,
		@DefaultValue("100") int sendsPerKey) {
}
