package org.latchkey.oidc.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.SecondFactorStepUp;
import org.latchkey.web.BrowserBinding;
import org.latchkey.web.SessionSignIn;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Gives an application the fresh sign-in it asks for at the authorization endpoint, before a code is issued:
 * a second factor when {@code acr_values} asks for one ({@value AuthenticationClaims#MULTI_FACTOR}) and the
 * session has none; a second factor presented again when the sign-in is older than {@code max_age} seconds or
 * {@code prompt=login} is sent. Whatever the policy asked at sign-in, the person goes through step 2 of the
 * sign-in and comes back here. While two-factor authentication is off there is no second factor to ask for:
 * {@code acr_values} is then answered with the {@code acr} the sign-in had, and a stale sign-in starts again
 * at step 1. With {@code prompt=none}, when a sign-in (or a fresher one) is needed, the application gets
 * {@code login_required} at its registered address.
 */
class FreshSignInFilter extends OncePerRequestFilter {

	/** The {@code acr_values} that ask for a second factor: ours and the PAPE multi-factor policies. */
	static final Set<String> MULTI_FACTOR_VALUES = Set.of(AuthenticationClaims.MULTI_FACTOR,
			"http://schemas.openid.net/pape/policies/2007/06/multi-factor",
			"http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical");

	/** When this session was last sent to present a factor again, so that coming back satisfies the request. */
	static final String ASKED_AT = "latchkey.oidc.freshSignInAskedAt";

	private final RequestMatcher authorizationRequests;

	private final AuthorizationResponses responses;

	private final SecondFactorStepUp stepUp;

	private final SignedInSessions sessions;

	private final SessionSignIn signIn;

	private final BrowserBinding binding;

	private final Clock clock;

	private final RequestCache requests;

	FreshSignInFilter(String authorizationEndpoint, AuthorizationResponses responses, SecondFactorStepUp stepUp,
			SignedInSessions sessions, SessionSignIn signIn, BrowserBinding binding, RequestCache requests,
			Clock clock) {
		this.responses = responses;
		this.requests = requests;
		this.authorizationRequests = PathPatternRequestMatcher.pathPattern(authorizationEndpoint);
		this.stepUp = stepUp;
		this.sessions = sessions;
		this.signIn = signIn;
		this.binding = binding;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (!this.authorizationRequests.matches(request) || request.getParameter("response_type") == null) {
			chain.doFilter(request, response);
			return;
		}
		boolean isSignedIn = isSignedIn(signedIn);
		if (isSignedIn && isFreshEnough(request, signedIn)) {
			chain.doFilter(request, response);
			return;
		}
		if (prompts(request).contains("none")) {
			// no page may be shown: the application learns at its own address that a sign-in is needed
			if (!this.responses.errorAtApplication(request, response, "login_required")) {
				chain.doFilter(request, response);
			}
			return;
		}
		if (!isSignedIn) {
			// the authorization rules send the person to the sign-in page, or to the step they still owe
			chain.doFilter(request, response);
			return;
		}
		if (this.stepUp.isPossible()) {
			this.requests.saveRequest(request, response);
			request.getSession().setAttribute(ASKED_AT, this.clock.instant());
			this.signIn.save(request, response, this.stepUp.demand(signedIn, this.binding.of(request.getSession()),
					RequestContextUtils.getLocale(request)));
			response.sendRedirect(request.getContextPath() + SecondFactorStepUp.PAGE);
			return;
		}
		// no second factor to ask for: the password is asked again, in a new session
		this.sessions.ended(request.getSession().getId(), EndReason.SIGNED_OUT);
		SecurityContextHolder.clearContext();
		request.getSession().invalidate();
		request.getSession().setAttribute(ASKED_AT, this.clock.instant());
		this.requests.saveRequest(request, response);
		response.sendRedirect(request.getContextPath() + "/login");
	}

	private static boolean isSignedIn(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof SignInPrincipal
				&& authentication.getAuthorities().stream().anyMatch(a -> "ROLE_USER".equals(a.getAuthority()));
	}

	private boolean isFreshEnough(HttpServletRequest request, Authentication signedIn) {
		Instant asked = (request.getSession(false) != null
				&& request.getSession(false).getAttribute(ASKED_AT) instanceof Instant at) ? at : null;
		Instant signedInAt = AuthenticationClaims.authenticationTime(signedIn);
		Instant newestFactor = (signedInAt != null) ? signedInAt : Instant.EPOCH;
		if (asked != null && !newestFactor.isBefore(asked)) {
			// back from the factor this filter asked for: this request is satisfied, the next one starts over
			request.getSession().removeAttribute(ASKED_AT);
			return true;
		}
		if (prompts(request).contains("login")) {
			return false;
		}
		Long maxAge = maxAge(request);
		if (maxAge != null && newestFactor.plusSeconds(maxAge).isBefore(this.clock.instant())) {
			return false;
		}
		return !asksForSecondFactor(request) || SecondFactorStepUp.secondFactorOf(signedIn).isPresent()
				|| !this.stepUp.isPossible();
	}

	private static boolean asksForSecondFactor(HttpServletRequest request) {
		return words(request.getParameter("acr_values")).stream().anyMatch(MULTI_FACTOR_VALUES::contains);
	}

	/** {@code max_age} in seconds; a value that is not a number is left to the authorization server. */
	private static Long maxAge(HttpServletRequest request) {
		String value = request.getParameter("max_age");
		if (value == null || !value.matches("[0-9]{1,9}")) {
			return null;
		}
		return Long.parseLong(value);
	}

	private static List<String> prompts(HttpServletRequest request) {
		return words(request.getParameter("prompt"));
	}

	private static List<String> words(String value) {
		return (value == null) ? List.of() : Arrays.stream(value.trim().split("\\s+")).toList();
	}

}
