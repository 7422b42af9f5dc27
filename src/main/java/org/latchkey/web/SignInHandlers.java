package org.latchkey.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.session.SignedInWith;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInOutcomes;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Spring Security's handlers of step 1 and of sign-out: they report the outcome to {@link SignInOutcomes} and
 * send the browser on, to the code page when a second factor is owed, to the new-password page after a temporary
 * password, or where it was heading once signed in. A wrong password and an unknown login end on the same page; a disabled account is
 * told so only after its password was right.
 */
@Component
class SignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

	private final SignInOutcomes outcomes;

	private final SessionSignIn signIn;

	private final BrowserBinding binding;

	private final SavedRequestAwareAuthenticationSuccessHandler continuation = new SavedRequestAwareAuthenticationSuccessHandler();

	private final RememberedDeviceCookies rememberedDevices;

	private final SavedRequests requests;

	SignInHandlers(SignInOutcomes outcomes, SessionSignIn signIn, BrowserBinding binding, SavedRequests requests,
			RememberedDeviceCookies rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.requests = requests;
		this.continuation.setRequestCache(requests);
		this.outcomes = outcomes;
		this.signIn = signIn;
		this.binding = binding;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		SignInPrincipal principal = (SignInPrincipal) authentication.getPrincipal();
		madeNow((CsrfToken) request.getAttribute(CsrfToken.class.getName()));
		if (principal.isSecondFactorPending() && !principal.isPasswordChangeRequired()
				&& this.rememberedDevices.standsIn(request, principal, this.requests.getRequest(request, response))) {
			// a remembered device: the password was asked, the second factor is not (no code is sent)
			String next = this.signIn.complete(request, response, authentication, SignedInWith.REMEMBERED_DEVICE,
					SignInCompletion.REMEMBERED_DEVICE_FACTOR);
			response.sendRedirect((next != null) ? next : request.getContextPath() + "/login?disabled");
			return;
		}
		this.outcomes.passwordAccepted(principal, this.binding.of(request.getSession()),
				RequestContextUtils.getLocale(request));
		if (principal.isSecondFactorPending()) {
			response.sendRedirect(request.getContextPath() + "/login/verify");
			return;
		}
		if (principal.isPasswordChangeRequired()) {
			// not a signed-in session yet: it becomes one once the new password is chosen
			response.sendRedirect(request.getContextPath() + SignInCompletion.NEW_PASSWORD_PATH);
			return;
		}
		this.signIn.signedIn(request, response, principal, SignedInWith.PASSWORD, false);
		this.continuation.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * The CSRF token that replaced the sign-in page's (Spring Security replaces it at sign-in) is made now, so the
	 * renewed session is stored with it in this request's insert, rather than changed again by the next page.
	 */
	private static void madeNow(CsrfToken replaced) {
		if (replaced != null) {
			replaced.getToken();
		}
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		this.outcomes.passwordRefused(request.getParameter("username"), exception);
		response.sendRedirect(request.getContextPath()
				+ ((exception instanceof DisabledException)
						? "/login?disabled" : "/login?error"));
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		HttpSession session = request.getSession(false);
		this.outcomes.signedOut((session != null) ? session.getId() : null, authentication);
	}

}
