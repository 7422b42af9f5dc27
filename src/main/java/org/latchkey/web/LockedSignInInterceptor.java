package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.lockout.SignInThrottle;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Holds step 2 while the account is locked for this browser: no code of any method is read, none is sent,
 * and the browser is shown the lock instead ({@link LockedSignInController}). The failure that starts a lock
 * goes there at once rather than to another "wrong code" page.
 */
class LockedSignInInterceptor implements HandlerInterceptor {

	static final String LOCKED_PATH = "/login/verify/locked";

	private final SignInThrottle throttle;

	private final DeviceCookies devices;

	LockedSignInInterceptor(SignInThrottle throttle, DeviceCookies devices) {
		this.throttle = throttle;
		this.devices = devices;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		SignInPrincipal principal = pending();
		if (principal == null) {
			return true;
		}
		SignInThrottle.Standing standing = this.throttle.standing(principal.accountId(),
				this.devices.attemptOf(request));
		if (standing.lock() != null) {
			response.sendRedirect(request.getContextPath() + LOCKED_PATH);
			return false;
		}
		if (standing.nothingCounted()) {
			DeviceCookies.nothingCounted(request);
		}
		return true;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		SignInPrincipal principal = pending();
		if (page != null && principal != null && "POST".equals(request.getMethod())
				&& this.throttle.lockOf(principal.accountId(), this.devices.attemptOf(request)).isPresent()) {
			page.getModelMap().clear();
			page.setViewName("redirect:" + LOCKED_PATH);
		}
	}

	/** The principal of a session whose second factor is owed, or null. */
	static SignInPrincipal pending() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending()) ? principal : null;
	}

}
