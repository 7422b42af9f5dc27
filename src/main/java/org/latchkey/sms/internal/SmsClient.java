package org.latchkey.sms.internal;

import org.latchkey.outbox.PermanentDeliveryException;

/**
 * Hands one SMS to a provider's API. Like a {@link Notifier}, it either hands the SMS on or throws, and never
 * retries by itself: a transient failure (timeout, connection error, 5xx, 429) is any exception, a refusal
 * that will not change by retrying (4xx) a {@link PermanentDeliveryException}.
 */
interface SmsClient {

	void send(OutgoingSms sms) throws Exception;

}
