package org.latchkey.web;

import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.SignInCompletion;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The one security filter chain: which paths are open, the sign-in and sign-out, session renewal and
 * lifetime, CSRF, and the security headers of every response.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * Spring Security's own observations are off: a timer around each filter of every chain, and around each
	 * authentication and authorization ({@code spring_security_*}), about 5 % of a second-factor check's CPU in a
	 * profile of the benchmark, for figures no dashboard of Latchkey's reads. Every request is still timed
	 * ({@code http_server_requests_seconds}) and sign-ins, failures and locks have Latchkey's own meters
	 * ({@code docs/metrics.md}).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain web(HttpSecurity http, AuthenticationProvider passwordAuthenticationProvider,
			SignInHandlers outcomes, DeviceCookies devices, SessionLifetimeFilter sessionLifetime,
			SignedInSessions signedInSessions, SavedRequests savedRequests, SessionCsrfTokens csrfTokens,
			ErrorPages errorPages, SsoSignOut ssoSignOut) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/css/**", "/js/**", "/images/**", "/favicon.ico", "/error", "/setup",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/login", "/first-login", "/first-login/**", "/password-reset", "/password-reset/**")
				.permitAll()
				// forward authentication's way back to a site: it sends each session to the step it owes itself
				.requestMatchers(ForwardAuthController.SIGN_IN).permitAll()
				.requestMatchers("/login/passkey")
				.permitAll()
				// sign-in through an identity provider, and its callback
				.requestMatchers("/login/sso/**")
				.permitAll()
				// a session whose password was accepted but whose second factor is owed reaches only this; one
				// signed in with a temporary password, only the page where it chooses a new one
				.requestMatchers("/login/verify", "/login/verify/**", SignInCompletion.NEW_PASSWORD_PATH)
				.authenticated()
				.requestMatchers("/admin", "/admin/**").hasRole("ADMINISTRATOR")
				.anyRequest().hasRole("USER"))
			// the password check alone: with no parent manager, a failed attempt is not tried (and hashed,
			// and counted against the account) a second time by the global one
			.authenticationManager(new ProviderManager(passwordAuthenticationProvider))
			.formLogin(form -> form.loginPage("/login")
				// the browser the attempt comes from, as the password step's throttling takes it
				.authenticationDetailsSource(devices::attemptOf)
				.successHandler(outcomes)
				.failureHandler(outcomes))
			.logout(logout -> logout.addLogoutHandler(outcomes).logoutSuccessHandler(ssoSignOut))
			.sessionManagement(sessions -> sessions.invalidSessionStrategy(new EndedSessionStrategy(signedInSessions))
				// a new session, not a renewed id: see SessionRenewal
				.sessionFixation(fixation -> fixation.migrateSession()))
			.addFilterBefore(sessionLifetime, AuthorizationFilter.class)
			.requestCache(cache -> cache.requestCache(savedRequests))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginPageEntryPoint())
				.accessDeniedHandler(errorPages))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

}
