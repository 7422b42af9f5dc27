package org.latchkey.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.policy.SecondFactorMethod;
import org.latchkey.session.SignInMethod;
import org.latchkey.session.SignedInSessions;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What happens after a sign-in attempt and at sign-out: the session is recorded or forgotten, the attempt is
 * audited, and the browser goes on: to the code page when a second factor is owed, to the new-password page
 * after a temporary password. A wrong password and an unknown login end on the same page; a disabled account
 * is told so only after its password was right.
 */
@Component
public class SignInOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

	private static final int LOGIN_AUDIT_MAX = 100;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	private final SecondStep secondStep;

	private final BrowserBinding binding;

	private final SavedRequestAwareAuthenticationSuccessHandler continuation = new SavedRequestAwareAuthenticationSuccessHandler();

	private final SignInThrottle throttle;

	SignInOutcomes(SignedInSessions sessions, AuditLog audit, SecondStep secondStep, BrowserBinding binding,
			SignInThrottle throttle) {
		this.throttle = throttle;
		this.sessions = sessions;
		this.audit = audit;
		this.secondStep = secondStep;
		this.binding = binding;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, jakarta.servlet.ServletException {
		SignInPrincipal principal = (SignInPrincipal) authentication.getPrincipal();
		if (principal.isPasswordChangeRequired()) {
			this.audit.success("TEMPORARY_PASSWORD_USED", principal.accountId(), principal.getUsername());
		}
		if (principal.isSecondFactorPending()) {
			this.audit.success("PASSWORD_ACCEPTED", principal.accountId(), principal.getUsername());
			// the default method is asked first; an email code goes out at once only when it is that method (an
			// SMS costs money and counts against caps, so it is sent when the person asks for it)
			if (this.secondStep.methods(principal).defaultMethod() == SecondFactorMethod.EMAIL_CODE) {
				this.secondStep.sendCode(principal, this.binding.of(request.getSession()),
						RequestContextUtils.getLocale(request));
			}
			response.sendRedirect(request.getContextPath() + "/login/verify");
			return;
		}
		if (principal.isPasswordChangeRequired()) {
			// not a signed-in session yet: it becomes one once the new password is chosen
			response.sendRedirect(request.getContextPath() + SignInCompletion.NEW_PASSWORD_PATH);
			return;
		}
		this.sessions.started(request, principal.accountId(), SignInMethod.PASSWORD);
		this.throttle.succeeded(principal.accountId(), request, response);
		this.audit.success("SIGN_IN", principal.accountId(), principal.getUsername());
		this.continuation.onAuthenticationSuccess(request, response, authentication);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		boolean disabled = exception instanceof DisabledException;
		// the audit may say what the page must not: that a lock refused the attempt
		this.audit.record("SIGN_IN", AuditOutcome.FAILURE, null, attemptedLogin(request), disabled ? "account disabled"
				: (exception instanceof ClientLockedException) ? "refused: account locked" : "wrong login or password");
		response.sendRedirect(request.getContextPath() + (disabled ? "/login?disabled" : "/login?error"));
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (request.getSession(false) != null) {
			this.sessions.ended(request.getSession(false).getId());
		}
		if (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal) {
			this.audit.success("SIGN_OUT", principal.accountId(), principal.getUsername());
		}
	}

	private static String attemptedLogin(HttpServletRequest request) {
		String login = request.getParameter("username");
		if (login == null) {
			return null;
		}
		return (login.length() <= LOGIN_AUDIT_MAX) ? login : login.substring(0, LOGIN_AUDIT_MAX);
	}

}
