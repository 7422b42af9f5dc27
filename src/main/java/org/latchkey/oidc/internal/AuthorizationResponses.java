package org.latchkey.oidc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The answers of the authorization endpoint that go back to the application: the code, or an error, with the
 * {@code state} it sent and the issuer ({@code iss}, RFC 9207), so that an application talking to several
 * providers knows which one answered. An error is sent to the application only at a redirect URI registered
 * for it; a request whose client or redirect URI is not known gets a page instead.
 */
class AuthorizationResponses {

	private final Issuer issuer;

	private final RegisteredClientRepository clients;

	AuthorizationResponses(Issuer issuer, RegisteredClientRepository clients) {
		this.issuer = issuer;
		this.clients = clients;
	}

	/** The code, as Spring's endpoint would send it, with the issuer. */
	void code(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken granted = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(OAuth2ParameterNames.CODE, granted.getAuthorizationCode().getTokenValue());
		send(response, granted.getRedirectUri(), parameters, granted.getState());
	}

	/** An error Spring's endpoint found: at the application's registered address when it has one, else a page. */
	void error(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationException refused = (OAuth2AuthorizationCodeRequestAuthenticationException) failure;
		OAuth2AuthorizationCodeRequestAuthenticationToken asked = refused.getAuthorizationCodeRequestAuthentication();
		OAuth2Error error = refused.getError();
		if (asked == null || !StringUtils.hasText(asked.getRedirectUri())) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
			return;
		}
		error(response, asked.getRedirectUri(), error, asked.getState());
	}

	/**
	 * Sends an error found before Spring's endpoint to the application, if the request names a known client and
	 * one of its registered redirect URIs (or omits it while the client has only one); returns whether it did.
	 */
	boolean errorAtApplication(HttpServletRequest request, HttpServletResponse response, String errorCode)
			throws IOException {
		String redirectUri = registeredRedirectUri(request);
		if (redirectUri == null) {
			return false;
		}
		error(response, redirectUri, new OAuth2Error(errorCode), request.getParameter(OAuth2ParameterNames.STATE));
		return true;
	}

	private String registeredRedirectUri(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		RegisteredClient client = StringUtils.hasText(clientId) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			return null;
		}
		Set<String> registered = client.getRedirectUris();
		String asked = request.getParameter(OAuth2ParameterNames.REDIRECT_URI);
		if (asked == null) {
			return (registered.size() == 1) ? registered.iterator().next() : null;
		}
		return registered.contains(asked) ? asked : null;
	}

	private void error(HttpServletResponse response, String redirectUri, OAuth2Error error, String state)
			throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			parameters.put(OAuth2ParameterNames.ERROR_DESCRIPTION, error.getDescription());
		}
		if (StringUtils.hasText(error.getUri())) {
			parameters.put(OAuth2ParameterNames.ERROR_URI, error.getUri());
		}
		send(response, redirectUri, parameters, state);
	}

	private void send(HttpServletResponse response, String redirectUri, Map<String, String> parameters,
			String state) throws IOException {
		UriComponentsBuilder location = UriComponentsBuilder.fromUriString(redirectUri);
		parameters.forEach((name, value) -> location.queryParam(name, encoded(value)));
		if (StringUtils.hasText(state)) {
			location.queryParam(OAuth2ParameterNames.STATE, encoded(state));
		}
		location.queryParam("iss", encoded(this.issuer.url()));
		response.sendRedirect(location.build(true).toUriString());
	}

	private static String encoded(String value) {
		return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
	}

}
