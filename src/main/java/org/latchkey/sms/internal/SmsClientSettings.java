package org.latchkey.sms.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SMS providers are reached. The provider itself is chosen in the console (Advanced Settings → 2FA).
 *
 * @param twilioBaseUrl where Twilio's REST API answers (tests point it at a local stub)
 * @param twilioVerifyBaseUrl where Twilio Verify's API answers (tests point it at a local stub)
 * @param connectTimeout the longest wait for a connection to a provider
 * @param readTimeout the longest wait for a provider's answer, once connected
 */
@ConfigurationProperties("latchkey.sms")
record SmsClientSettings(@DefaultValue("https://api.twilio.com") URI twilioBaseUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("https://verify.twilio.com") URI twilioVerifyBaseUrl) {
}
