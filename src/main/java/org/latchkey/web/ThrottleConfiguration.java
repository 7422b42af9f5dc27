package org.latchkey.web;

import org.latchkey.audit.AuditLog;
import org.latchkey.lockout.ClientThrottle;
import org.latchkey.web.ClientAddresses;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the client throttle in front of the security filters. */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

	@Bean
	FilterRegistrationBean<ClientThrottleFilter> clientThrottleFilter(ClientThrottle throttle,
			ClientAddresses addresses, AuditLog audit) {
		var registration = new FilterRegistrationBean<>(new ClientThrottleFilter(throttle, addresses, audit));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
