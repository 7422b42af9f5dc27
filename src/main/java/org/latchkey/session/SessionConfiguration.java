package org.latchkey.session;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionSettings.class)
class SessionConfiguration {

	/** Not a servlet filter bean on its own: the security filter chain places it. */
	@Bean
	SessionLifetimeFilter sessionLifetimeFilter(SessionSettings settings, SignedInSessions sessions, Clock clock) {
		return new SessionLifetimeFilter(settings, sessions, clock);
	}

	@Bean
	FilterRegistrationBean<SessionLifetimeFilter> sessionLifetimeFilterRegistration(SessionLifetimeFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

}
