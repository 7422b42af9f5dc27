package org.latchkey.system;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.web.http.SessionRepositoryFilter;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ SystemSettings.class, ClientAddressSettings.class })
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Ahead of Spring Session's filter, the first to read or write the session cookie. */
	@Bean
	FilterRegistrationBean<SecureTransportFilter> secureTransportFilter(SecureTransport transport,
			MessageSource messages) {
		var registration = new FilterRegistrationBean<>(new SecureTransportFilter(transport, messages));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
		return registration;
	}

}
