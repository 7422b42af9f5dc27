package org.latchkey.sms.internal;

import java.net.http.HttpResponse;

import org.latchkey.outbox.PermanentDeliveryException;

/**
 * Reads a provider's answer: a 2xx is a success; 408, 429 and 5xx are transient (the outbox retries); any
 * other status is a permanent refusal, such as bad credentials or a bad number. The error keeps the start of
 * the provider's answer for the administrator, without the SMS text and with long runs of digits (numbers,
 * codes) masked.
 */
final class ProviderAnswers {

	private static final int EXCERPT_MAX = 300;

	private ProviderAnswers() {
	}

	static void check(String provider, HttpResponse<String> response, OutgoingSms sms)
			throws SmsProviderException, PermanentDeliveryException {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		SmsProviderException error = new SmsProviderException(
				provider + " answered HTTP " + status + ": " + excerpt(response.body(), sms));
		if (status == 408 || status == 429 || status >= 500) {
			throw error;
		}
		throw new PermanentDeliveryException(error);
	}

	private static String excerpt(String body, OutgoingSms sms) {
		String text = (body == null) ? "" : body.replace(sms.text(), "[text]");
		text = text.replaceAll("\\d{6,}", "***").replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
		return (text.length() <= EXCERPT_MAX) ? text : text.substring(0, EXCERPT_MAX);
	}

}
