package org.latchkey.signin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.audit.AuditLog;
import org.latchkey.session.SignInMethod;
import org.latchkey.session.SignedInSessions;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Turns a half-signed-in session into a signed-in one: once the second factor is accepted, and once a person
 * who signed in with a temporary password has chosen a new one. The principal gets its roles and the factors'
 * authorities, the session id is renewed, the session is recorded with its method, and the browser goes where
 * it was heading before the sign-in.
 */
@Component
public class SignInCompletion {

	/** The authority of a sign-in completed with an emailed code. */
	public static final String EMAIL_CODE_FACTOR = "FACTOR_EMAIL_OTP";

	/** The authority of a sign-in completed with a code from an authenticator app. */
	public static final String AUTHENTICATOR_FACTOR = "FACTOR_TOTP";

	/** The authority of a sign-in completed with a code sent by SMS. */
	public static final String SMS_CODE_FACTOR = "FACTOR_SMS_OTP";

	/** The page where a person who signed in with a temporary password chooses a new one. */
	public static final String NEW_PASSWORD_PATH = "/login/new-password";

	private final SignedInSessions sessions;

	private final AccountManagement accounts;

	private final PasswordResets resets;

	private final AuditLog audit;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final RequestCache requests = new HttpSessionRequestCache();

	private final Clock clock;

	private final SignInThrottle throttle;

	SignInCompletion(SignedInSessions sessions, AccountManagement accounts, PasswordResets resets, AuditLog audit,
			Clock clock, SignInThrottle throttle) {
		this.clock = clock;
		this.throttle = throttle;
		this.sessions = sessions;
		this.accounts = accounts;
		this.resets = resets;
		this.audit = audit;
	}

	/**
	 * Completes the sign-in and returns where to send the browser; returns {@code null} when the account was
	 * disabled since step 1, in which case nobody is signed in. After a temporary password, the session still
	 * holds no role and the browser goes to the new-password page.
	 */
	public String complete(HttpServletRequest request, HttpServletResponse response, Authentication pending,
			SignInMethod method, String factorAuthority) {
		SignInPrincipal principal = ((SignInPrincipal) pending.getPrincipal()).completed();
		if (this.accounts.findById(principal.accountId()).map(a -> a.status() != AccountStatus.ACTIVE).orElse(true)) {
			signOut(request);
			return null;
		}
		List<GrantedAuthority> factors = factorsOf(pending);
		// the application's clock, as for the password factor: ID tokens' auth_time and max_age read it
		factors.add(FactorGrantedAuthority.withAuthority(factorAuthority).issuedAt(this.clock.instant()).build());
		if (principal.isPasswordChangeRequired()) {
			establish(request, response, principal, factors);
			return NEW_PASSWORD_PATH;
		}
		return signIn(request, response, principal, factors, method);
	}

	/**
	 * Sets the password a person chose in place of their temporary one, then completes their sign-in.
	 * @return where to send the browser, or {@code null} when the account was disabled or given another
	 * temporary password meanwhile (nobody is signed in then)
	 * @throws org.latchkey.account.InvalidAccountException on the field {@code password} when it is refused
	 */
	public String completeWithNewPassword(HttpServletRequest request, HttpServletResponse response,
			Authentication waiting, String password, Locale locale) {
		SignInPrincipal principal = (SignInPrincipal) waiting.getPrincipal();
		if (!principal.isPasswordChangeRequired() || principal.isSecondFactorPending()) {
			throw new IllegalStateException("This session does not wait for a new password");
		}
		if (!this.resets.replaceTemporary(principal.accountId(), password, locale)) {
			signOut(request);
			return null;
		}
		List<GrantedAuthority> factors = factorsOf(waiting);
		return signIn(request, response, principal.passwordChosen(), factors, methodOf(factors));
	}

	/** The method of a sign-in that waited for a new password: its second factor, if it had one, decides. */
	private static SignInMethod methodOf(List<GrantedAuthority> factors) {
		for (GrantedAuthority factor : factors) {
			if (AUTHENTICATOR_FACTOR.equals(factor.getAuthority())) {
				return SignInMethod.AUTHENTICATOR_APP;
			}
			if (SMS_CODE_FACTOR.equals(factor.getAuthority())) {
				return SignInMethod.SMS_CODE;
			}
			if (EMAIL_CODE_FACTOR.equals(factor.getAuthority())) {
				return SignInMethod.EMAIL_CODE;
			}
		}
		return SignInMethod.PASSWORD;
	}

	private static void signOut(HttpServletRequest request) {
		SecurityContextHolder.clearContext();
		request.getSession().invalidate();
	}

	private String signIn(HttpServletRequest request, HttpServletResponse response, SignInPrincipal principal,
			List<GrantedAuthority> factors, SignInMethod method) {
		if (!establish(request, response, principal, factors)) {
			this.sessions.started(request, principal.accountId(), method);
		}
		this.throttle.succeeded(principal.accountId(), request, response);
		this.audit.success("SIGN_IN", principal.accountId(), principal.getUsername());
		SavedRequest saved = this.requests.getRequest(request, response);
		this.requests.removeRequest(request, response);
		return (saved != null) ? saved.getRedirectUrl() : "/";
	}

	/**
	 * Stores the principal with its roles (none while it still owes a step) under a renewed session id.
	 * @return whether the session was signed in already: a step-up, which keeps the session's sign-in time
	 * and the authorizations granted in it
	 */
	private boolean establish(HttpServletRequest request, HttpServletResponse response, SignInPrincipal principal,
			List<GrantedAuthority> factors) {
		List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
		authorities.addAll(factors);
		Authentication complete = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
		boolean signedIn = this.sessions.renew(request);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(complete);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return signedIn;
	}

	private static List<GrantedAuthority> factorsOf(Authentication authentication) {
		List<GrantedAuthority> factors = new ArrayList<>();
		authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.forEach(factors::add);
		return factors;
	}

}
