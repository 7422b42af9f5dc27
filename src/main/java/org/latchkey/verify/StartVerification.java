package org.latchkey.verify;

import org.jspecify.annotations.Nullable;

/**
 * A request to send a code, as the application sent it (unchecked).
 *
 * @param channel {@code email} or {@code sms}
 * @param to an email address, or a phone number in E.164 ({@code +33612345678})
 * @param locale the language of the message ({@code en}, {@code fr}…), or {@code null} for English
 * @param prefix the application's words before the code's text, or {@code null}
 * @param idempotencyKey the {@code Idempotency-Key} header: a retry with the same one sends nothing more
 */
public record StartVerification(@Nullable String channel, @Nullable String to, @Nullable String locale,
		@Nullable String prefix, @Nullable String idempotencyKey) {

	/** Keeps the destination out of logs. */
	@Override
	public String toString() {
		return "StartVerification[" + this.channel + "]";
	}

}
