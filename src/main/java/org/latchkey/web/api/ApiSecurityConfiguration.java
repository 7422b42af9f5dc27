package org.latchkey.web.api;

import org.latchkey.verify.ApiKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API's own filter chain: no session, no cookie, no CSRF token (a request carries its key in a header,
 * which a browser never adds by itself, so a forged cross-site request has nothing to ride on). The key is
 * checked by {@link ApiKeyFilter} on every request but the OpenAPI document's.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain api(HttpSecurity http, ApiKeys keys) throws Exception {
		http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.requireExplicitSave(true))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'"))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

}
