package org.latchkey.signin;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.audit.AuditLog;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorMethod;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Asks a signed-in person for a fresh second factor when an application demands one (OpenID Connect
 * {@code acr_values} or {@code max_age}), whatever the policy would have asked at sign-in: the session goes
 * back to "second factor owed" with its password factor kept, an email code is sent when that is the way in,
 * and step 2 of the sign-in completes it as usual, adding a newly issued factor, under a new session id that
 * keeps the session's sign-in time (its absolute lifetime) and the authorizations granted in it.
 */
@Component
public class SecondFactorStepUp {

	/** The authorities of the second factors a sign-in can record. */
	private static final List<String> SECOND_FACTORS = List.of(SignInCompletion.EMAIL_CODE_FACTOR,
			SignInCompletion.AUTHENTICATOR_FACTOR, SignInCompletion.SMS_CODE_FACTOR);

	private final OrganisationPolicy policy;

	private final SecondStep secondStep;

	private final BrowserBinding binding;

	private final AuditLog audit;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondFactorStepUp(OrganisationPolicy policy, SecondStep secondStep, BrowserBinding binding, AuditLog audit) {
		this.policy = policy;
		this.secondStep = secondStep;
		this.binding = binding;
		this.audit = audit;
	}

	/** Whether a second factor can be asked at all: never while two-factor authentication is off. */
	public boolean isPossible() {
		return this.policy.current().twoFactorMode() != TwoFactorMode.OFF;
	}

	/** When the authentication's newest second factor was presented, if it has one. */
	public static Optional<FactorGrantedAuthority> secondFactorOf(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(FactorGrantedAuthority.class::cast)
			.filter(factor -> SECOND_FACTORS.contains(factor.getAuthority()))
			.max((a, b) -> a.getIssuedAt().compareTo(b.getIssuedAt()));
	}

	/**
	 * Puts the signed-in session back to "second factor owed" and returns the page that asks for it. The
	 * browser comes back to the request saved before this call once the factor is accepted.
	 */
	public String demand(HttpServletRequest request, HttpServletResponse response, Authentication signedIn) {
		SignInPrincipal principal = ((SignInPrincipal) signedIn.getPrincipal()).secondFactorAgain();
		List<GrantedAuthority> password = signedIn.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.filter(factor -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(factor.getAuthority()))
			.map(GrantedAuthority.class::cast)
			.toList();
		Authentication pending = UsernamePasswordAuthenticationToken.authenticated(principal, null, password);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(pending);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		this.audit.success("STEP_UP_REQUESTED", principal.accountId(), principal.getUsername());
		// as after the password at sign-in: an email code goes out at once only when it is the method asked first
		if (this.secondStep.methods(principal).defaultMethod() == SecondFactorMethod.EMAIL_CODE) {
			this.secondStep.sendCode(principal, this.binding.of(request.getSession()),
					RequestContextUtils.getLocale(request));
		}
		return "/login/verify";
	}

}
