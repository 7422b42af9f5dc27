package org.latchkey.sso.internal;

import org.latchkey.secret.SealedColumns;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SsoSettings.class)
class SsoConfiguration {

	/** The providers' client secrets. */
	@Bean
	SealedColumns ssoProviderSecrets() {
		return new SealedColumns("sso_provider", "id", "sealed_client_secret");
	}

}
