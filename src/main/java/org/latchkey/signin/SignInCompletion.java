package org.latchkey.signin;

import java.util.ArrayList;
import java.util.List;

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
 * Turns a half-signed-in session into a signed-in one once the second factor is accepted: the principal gets
 * its roles and the factor's authority, the session id is renewed, the session is recorded with its method,
 * and the browser goes where it was heading before the sign-in.
 */
@Component
public class SignInCompletion {

	/** The authority of a sign-in completed with an emailed code. */
	public static final String EMAIL_CODE_FACTOR = "FACTOR_EMAIL_OTP";

	/** The authority of a sign-in completed with a code from an authenticator app. */
	public static final String AUTHENTICATOR_FACTOR = "FACTOR_TOTP";

	private final SignedInSessions sessions;

	private final AccountManagement accounts;

	private final AuditLog audit;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final RequestCache requests = new HttpSessionRequestCache();

	SignInCompletion(SignedInSessions sessions, AccountManagement accounts, AuditLog audit) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * Completes the sign-in and returns where to send the browser; returns {@code null} when the account was
	 * disabled since step 1, in which case nobody is signed in.
	 */
	public String complete(HttpServletRequest request, HttpServletResponse response, Authentication pending,
			SignInMethod method, String factorAuthority) {
		SignInPrincipal principal = ((SignInPrincipal) pending.getPrincipal()).completed();
		if (this.accounts.findById(principal.accountId()).map(a -> a.status() != AccountStatus.ACTIVE).orElse(true)) {
			SecurityContextHolder.clearContext();
			request.getSession().invalidate();
			return null;
		}
		List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
		pending.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance).forEach(authorities::add);
		authorities.add(FactorGrantedAuthority.fromAuthority(factorAuthority));
		Authentication complete = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(complete);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		this.sessions.started(request, principal.accountId(), method);
		this.audit.success("SIGN_IN", principal.accountId(), principal.getUsername());
		SavedRequest saved = this.requests.getRequest(request, response);
		this.requests.removeRequest(request, response);
		return (saved != null) ? saved.getRedirectUrl() : "/";
	}

}
