package org.latchkey.secret.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretSettings.class)
class SecretConfiguration {

	@Bean
	KeyRing keyRing(SecretSettings settings) {
		return new KeyRing(MasterKey.load(settings), MasterKey.previous(settings));
	}

}
