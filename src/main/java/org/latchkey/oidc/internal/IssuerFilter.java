package org.latchkey.oidc.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the configured issuer in place of the one Spring's authorization server would read from the request,
 * for the rest of the request. Its own context filter, which runs first, clears the holder afterwards.
 */
class IssuerFilter extends OncePerRequestFilter {

	private final Issuer issuer;

	IssuerFilter(Issuer issuer) {
		this.issuer = issuer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuthorizationServerContext current = AuthorizationServerContextHolder.getContext();
		if (current != null) {
			AuthorizationServerContextHolder
				.setContext(new FixedIssuer(this.issuer.url(), current.getAuthorizationServerSettings()));
		}
		chain.doFilter(request, response);
	}

	private record FixedIssuer(String issuer, AuthorizationServerSettings settings)
			implements AuthorizationServerContext {

		@Override
		public String getIssuer() {
			return this.issuer;
		}

		@Override
		public AuthorizationServerSettings getAuthorizationServerSettings() {
			return this.settings;
		}

	}

}
