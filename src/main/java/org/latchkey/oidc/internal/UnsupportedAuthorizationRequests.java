package org.latchkey.oidc.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers at the application's address the authorization requests Latchkey does not serve (OpenID Connect Core
 * §3.1.2.6, RFC 6749 §4.1.2.1): no {@code response_type} ({@code invalid_request}), a request object
 * ({@code request_not_supported}), a request URI ({@code request_uri_not_supported}), or a response type other
 * than {@code code} ({@code unsupported_response_type}). Only once the client and its redirect URI are known:
 * otherwise the request goes on to the endpoint, which shows a page and never redirects.
 */
class UnsupportedAuthorizationRequests extends OncePerRequestFilter {

	private final String endpoint;

	private final AuthorizationResponses responses;

	UnsupportedAuthorizationRequests(String endpoint, AuthorizationResponses responses) {
		this.endpoint = endpoint;
		this.responses = responses;
	}

	/** Leaves consent submissions alone: Spring's endpoint knows them as POSTs without {@code response_type}. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		boolean consent = HttpMethod.POST.matches(request.getMethod())
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null;
		return consent || !this.endpoint.equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = refusal(request);
		if (refusal == null || !this.responses.errorAtApplication(request, response, refusal)) {
			chain.doFilter(request, response);
		}
	}

	private static String refusal(HttpServletRequest request) {
		String responseType = request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE);
		if (!StringUtils.hasText(responseType)) {
			return OAuth2ErrorCodes.INVALID_REQUEST;
		}
		if (request.getParameter("request") != null) {
			return "request_not_supported";
		}
		if (request.getParameter("request_uri") != null) {
			return "request_uri_not_supported";
		}
		return "code".equals(responseType) ? null : OAuth2ErrorCodes.UNSUPPORTED_RESPONSE_TYPE;
	}

}
