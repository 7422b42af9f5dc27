package org.latchkey.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain of the forward-authentication endpoint, ahead of the pages' chain: a proxy asks it on a
 * browser's behalf and takes only 200, 401, 403 or a redirect it passes on, so nothing here redirects to a page
 * of Latchkey (an ended session is simply no one), saves a request, creates a session or asks for a CSRF token
 * (the endpoint is read with GET and changes nothing).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ForwardAuthConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain forwardAuthentication(HttpSecurity http) throws Exception {
		http.securityMatcher(ForwardAuthController.ENDPOINT)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

}
