package org.latchkey.operations.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management port's own filter chain, ahead of the pages' one: its endpoints (Prometheus, info, health) are
 * open to whoever reaches the port, with no session, cookie or sign-in, since a scraper has none. What guards
 * them is where the port listens ({@code LATCHKEY_MANAGEMENT_ADDRESS}, the loopback unless told otherwise).
 * {@link EndpointRequest} matches requests of the management server only: the same paths on the application port
 * go to the pages' chain, which knows none of them but {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ManagementSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after the OpenID Connect endpoints' chain, before the pages'
	SecurityFilterChain management(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
