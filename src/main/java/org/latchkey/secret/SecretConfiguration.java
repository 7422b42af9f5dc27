package org.latchkey.secret;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretSettings.class)
class SecretConfiguration {

	@Bean
	MasterKey masterKey(SecretSettings settings) {
		return MasterKey.load(settings);
	}

}
