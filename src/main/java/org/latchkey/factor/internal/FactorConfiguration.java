package org.latchkey.factor.internal;

import org.latchkey.secret.SealedColumns;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FactorSettings.class)
class FactorConfiguration {

	/** The keys of authenticator apps, in use and waiting for their first code. */
	@Bean
	SealedColumns authenticatorAppSecrets() {
		return new SealedColumns("authenticator_app", "account_id", "sealed_secret", "pending_sealed_secret");
	}

	@Bean
	SealedColumns applicationAuthenticatorSecrets() {
		return new SealedColumns("api_totp_factor", "id", "sealed_secret");
	}

}
