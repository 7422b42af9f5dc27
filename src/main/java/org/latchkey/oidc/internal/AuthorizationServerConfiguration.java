package org.latchkey.oidc.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.latchkey.oidc.OidcClients;
import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.SealedColumns;
import org.latchkey.secret.SecretCipher;
import org.latchkey.secret.TokenHasher;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.SignInOutcomes;
import org.latchkey.stepup.SecondFactorStepUp;
import org.latchkey.system.SettingsCache;
import org.latchkey.web.BrowserBinding;
import org.latchkey.web.LoginPageEntryPoint;
import org.latchkey.web.SavedRequests;
import org.latchkey.web.SessionLifetimeFilter;
import org.latchkey.web.SessionSignIn;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The authorization server's security filter chain, ahead of the pages' chain and limited to its endpoints,
 * and the database-backed parts it runs on. People who are not signed in are sent to Latchkey's sign-in page
 * and come back; a session that still owes its second factor is sent to it; the token, revocation and
 * userinfo endpoints take client or bearer authentication only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcSettings.class)
class AuthorizationServerConfiguration {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'";

	/** The private keys that sign tokens. */
	@Bean
	SealedColumns signingKeyPrivateKeys() {
		return new SealedColumns("oidc_signing_key", "kid", "sealed_private_key");
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
			SessionBoundAuthorizations authorizations, OAuth2AuthorizationConsentService consents,
			AuthorizationServerSettings settings, TokenHasher hasher, Issuer issuer,
			SecondFactorStepUp stepUp, SignedInSessions sessions, SessionLifetimeFilter sessionLifetime,
			SignInOutcomes outcomes, SessionSignIn signIn, BrowserBinding binding, AccessDeniedHandler errorPages,
			SavedRequests savedRequests, CsrfTokenRepository csrfTokens, Clock clock) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		AuthorizationResponses responses = new AuthorizationResponses(issuer, clients);
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, as -> as.registeredClientRepository(clients)
				.authorizationService(authorizations)
				.authorizationConsentService(consents)
				.authorizationServerSettings(settings)
				.clientAuthentication(authentication -> authentication.authenticationProviders(providers -> providers
					.stream()
					.filter(ClientSecretAuthenticationProvider.class::isInstance)
					.forEach(provider -> ((ClientSecretAuthenticationProvider) provider)
						.setPasswordEncoder(new ClientSecretHashes(hasher)))))
				.tokenEndpoint(endpoint -> endpoint.authenticationProviders(providers -> providers.stream()
					.filter(OAuth2AuthorizationCodeAuthenticationProvider.class::isInstance)
					.forEach(provider -> ((OAuth2AuthorizationCodeAuthenticationProvider) provider)
						.setSessionRegistry(new NoSessions()))))
				.authorizationEndpoint(endpoint -> endpoint.consentPage(ConsentController.PATH)
					.authorizationResponseHandler(responses::code)
					.errorResponseHandler(responses::error))
				.oidc(oidc -> oidc
					.providerConfigurationEndpoint(discovery -> discovery
						.providerConfigurationCustomizer(AuthorizationServerConfiguration::discovery))
					.logoutEndpoint(logout -> logout.logoutResponseHandler(logoutHandler(outcomes)))))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(settings.getAuthorizationEndpoint()).hasRole("USER")
				.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> { }))
			.requestCache(cache -> cache.requestCache(savedRequests))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginPageEntryPoint(),
						PathPatternRequestMatcher.pathPattern(settings.getAuthorizationEndpoint()))
				.defaultAuthenticationEntryPointFor(AuthorizationServerConfiguration::unknownClient,
						new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(settings.getTokenEndpoint()),
								PathPatternRequestMatcher.pathPattern(settings.getTokenRevocationEndpoint()),
								PathPatternRequestMatcher.pathPattern(settings.getTokenIntrospectionEndpoint())))
				.accessDeniedHandler(errorPages))
			.addFilterBefore(new IssuerFilter(issuer), CsrfFilter.class)
			.addFilterBefore(new UnsupportedAuthorizationRequests(settings.getAuthorizationEndpoint(), responses),
					CsrfFilter.class)
			.addFilterBefore(sessionLifetime, AuthorizationFilter.class)
			.addFilterBefore(new FreshSignInFilter(settings.getAuthorizationEndpoint(), responses, stepUp, sessions,
					signIn, binding, savedRequests, clock),
					AuthorizationFilter.class)
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

	/**
	 * The discovery document says exactly what works: the grants a client can be registered for, the client
	 * authentications Latchkey's clients use (a secret, or none for a public client with PKCE), no request
	 * objects, no certificate-bound tokens, and the issuer in every authorization response.
	 */
	private static void discovery(OidcProviderConfiguration.Builder document) {
		List<String> secrets = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
				ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
		document.grantTypes(grants -> replace(grants, List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
				AuthorizationGrantType.REFRESH_TOKEN.getValue())));
		document.tokenEndpointAuthenticationMethods(methods -> replace(methods,
				List.of(secrets.get(0), secrets.get(1), ClientAuthenticationMethod.NONE.getValue())));
		document.tokenRevocationEndpointAuthenticationMethods(methods -> replace(methods, secrets));
		document.tokenIntrospectionEndpointAuthenticationMethods(methods -> replace(methods, secrets));
		document.scopes(scopes -> replace(scopes, List.copyOf(OidcClients.SCOPES)));
		document.claims(claims -> claims.remove("tls_client_certificate_bound_access_tokens"));
		document.claim("acr_values_supported",
				List.of(AuthenticationClaims.MULTI_FACTOR, AuthenticationClaims.PASSWORD_ONLY));
		document.claim("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
				"amr", "azp", "sid", "name", "preferred_username", "email"));
		document.claim("claims_parameter_supported", false);
		document.claim("request_parameter_supported", false);
		document.claim("request_uri_parameter_supported", false);
		document.claim("authorization_response_iss_parameter_supported", true);
	}

	private static void replace(List<String> values, List<String> by) {
		values.clear();
		values.addAll(by);
	}

	/** A call to a client endpoint that named no client, or a public client without its PKCE verifier. */
	private static void unknownClient(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error\":\"invalid_client\"}");
	}

	/** RP-initiated logout ends the session as the sign-out button does: forgotten, audited, invalidated. */
	private static OidcLogoutAuthenticationSuccessHandler logoutHandler(SignInOutcomes outcomes) {
		OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
		SecurityContextLogoutHandler invalidation = new SecurityContextLogoutHandler();
		handler.setLogoutHandler((request, response, authentication) -> {
			OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
			if (logout.isPrincipalAuthenticated()) {
				Authentication person = (Authentication) logout.getPrincipal();
				HttpSession session = request.getSession(false);
				outcomes.signedOut((session != null) ? session.getId() : null, person);
				invalidation.logout(request, response, person);
			}
		});
		return handler;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		// no issuer here: IssuerFilter supplies the configured one on every request
		return AuthorizationServerSettings.builder().build();
	}

	@Bean
	RegisteredClientRepository registeredClients(JdbcOperations operations, JdbcClient jdbc, SettingsCache cache) {
		return new EnabledClients(new JdbcRegisteredClientRepository(operations), jdbc, cache);
	}

	@Bean
	SessionBoundAuthorizations authorizations(JdbcOperations operations, RegisteredClientRepository clients,
			JdbcClient jdbc, TokenHasher hasher, SignedInSessions sessions, TransactionOperations transactions) {
		return new SessionBoundAuthorizations(new JdbcOAuth2AuthorizationService(operations, clients), jdbc, hasher,
				sessions, transactions);
	}

	@Bean
	OAuth2AuthorizationConsentService consents(JdbcOperations operations, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(operations, clients);
	}

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, SecretCipher cipher, Clock clock, OidcSettings settings) {
		return new SigningKeys(jdbc, cipher, clock, settings);
	}

	/** Signs with the current key only, though the key set also publishes the previous one. */
	@Bean
	JwtEncoder jwtEncoder(JWKSource<SecurityContext> signingKeys) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(signingKeys);
		encoder.setJwkSelector(keys -> keys.get(0));
		return encoder;
	}

	@Bean
	Subjects subjects(JdbcClient jdbc, RandomTokens tokens) {
		return new Subjects(jdbc, tokens);
	}

	@Bean
	AuthenticationClaims authenticationClaims(org.latchkey.account.AccountManagement accounts,
			SessionBoundAuthorizations authorizations, Subjects subjects) {
		return new AuthenticationClaims(accounts, authorizations, subjects);
	}

	/**
	 * The sessions of a user as Spring Session stores them, for the logout endpoint's check that an ID token
	 * was issued in the session signing out; the in-memory default would forget them on another node.
	 */
	@Bean
	SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<? extends Session> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

}
