package org.latchkey.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.signin.FederatedSignIn;
import org.latchkey.signin.SignInCompletion;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Where a signed-out browser goes: the sign-in page, which, after a session opened through an identity provider,
 * offers to sign out at that provider too (its {@code end_session_endpoint}).
 */
@Component
class SsoSignOut implements LogoutSuccessHandler {

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		Long provider = (authentication != null)
				? SignInCompletion.federatedOf(authentication).map(FederatedSignIn::providerId).orElse(null) : null;
		response.sendRedirect(request.getContextPath() + "/login?logout" + ((provider != null) ? "&sso=" + provider : ""));
	}

}
