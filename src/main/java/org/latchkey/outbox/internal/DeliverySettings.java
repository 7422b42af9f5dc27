package org.latchkey.outbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox dispatches messages. The channels read their own settings (the mail notifier and sender
 * under the same prefix, the SMS provider's timeouts under {@code latchkey.sms}).
 *
 * @param pollInterval how long the dispatcher waits between two looks at the outbox
 * @param batchSize how many due messages one look takes at most
 * @param retryDelay the wait after the first failed attempt; it doubles after each further failure
 * @param maxRetryDelay the longest wait between two attempts
 * @param maxAttempts after this many failed attempts a message is marked failed and no longer retried
 * @param claimTimeout how long a node owns a message it is sending; after that another node may send it
 */
@ConfigurationProperties("latchkey.delivery")
public record DeliverySettings(@DefaultValue("2s") Duration pollInterval, @DefaultValue("20") int batchSize,
		@DefaultValue("10s") Duration retryDelay, @DefaultValue("1h") Duration maxRetryDelay,
		@DefaultValue("10") int maxAttempts, @DefaultValue("5m") Duration claimTimeout) {

	/** The wait after the n-th failed attempt: the retry delay doubled n - 1 times, at most the ceiling. */
	public Duration delayAfter(int failedAttempts) {
		Duration delay = this.retryDelay;
		for (int i = 1; i < failedAttempts && delay.compareTo(this.maxRetryDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxRetryDelay) < 0) ? delay : this.maxRetryDelay;
	}

}
