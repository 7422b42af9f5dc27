package org.latchkey.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** How requests reach the server: the trusted proxies, and HTTPS-only mode's filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientAddressSettings.class)
class TransportConfiguration {

	/** Ahead of Spring Session's filter, the first to read or write the session cookie. */
	@Bean
	FilterRegistrationBean<SecureTransportFilter> secureTransportFilter(SecureTransport transport,
			MessageSource messages) {
		var registration = new FilterRegistrationBean<>(new SecureTransportFilter(transport, messages));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
		return registration;
	}

}
