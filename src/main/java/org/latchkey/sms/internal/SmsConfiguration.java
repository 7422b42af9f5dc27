package org.latchkey.sms.internal;

import org.latchkey.secret.SealedColumns;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsClientSettings.class)
class SmsConfiguration {

	/** The provider's secrets: the Twilio auth token, the generic provider's headers. */
	@Bean
	SealedColumns smsProviderSecrets() {
		return new SealedColumns("sms_settings", "id", "twilio_sealed_auth_token", "http_sealed_headers");
	}

}
