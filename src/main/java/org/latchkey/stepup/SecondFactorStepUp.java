package org.latchkey.stepup;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.audit.AuditLog;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.signin.SecondStep;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Asks a signed-in person for a fresh second factor when an application demands one (OpenID Connect
 * {@code acr_values} or {@code max_age}), whatever the policy would have asked at sign-in: the session's
 * authentication goes back to "second factor owed" with its password factor kept, an email code is sent
 * when that is the way in, and step 2 of the sign-in completes it as usual, adding a newly issued factor, under
 * a new session id that keeps the session's sign-in time (its absolute lifetime) and the authorizations
 * granted in it.
 */
@Component
public class SecondFactorStepUp {

	/** The page that asks for the second factor. */
	public static final String PAGE = "/login/verify";

	/** The authorities of the second factors a sign-in can record. */
	private static final List<String> SECOND_FACTORS = List.of(SignInCompletion.EMAIL_CODE_FACTOR,
			SignInCompletion.AUTHENTICATOR_FACTOR, SignInCompletion.SMS_CODE_FACTOR,
			SignInCompletion.PASSKEY_FACTOR, SignInCompletion.SYNCED_PASSKEY_FACTOR,
			SignInCompletion.RECOVERY_CODE_FACTOR);

	private final OrganisationPolicy policy;

	private final SecondStep secondStep;

	private final AuditLog audit;

	SecondFactorStepUp(OrganisationPolicy policy, SecondStep secondStep, AuditLog audit) {
		this.policy = policy;
		this.secondStep = secondStep;
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
	 * The signed-in authentication put back to "second factor owed", its password factor kept, for the entry
	 * point to store in place of {@code signedIn} before it sends the browser to the code page ({@link #PAGE}).
	 * @param binding the secret the browser's codes are bound to
	 */
	public Authentication demand(Authentication signedIn, String binding, Locale locale) {
		SignInPrincipal principal = ((SignInPrincipal) signedIn.getPrincipal()).secondFactorAgain();
		List<GrantedAuthority> password = signedIn.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.filter(factor -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(factor.getAuthority()))
			.map(GrantedAuthority.class::cast)
			.toList();
		this.audit.success(StepUpEvent.STEP_UP_REQUESTED, principal.accountId(), principal.getUsername());
		// as after the password at sign-in: an email code goes out at once only when it is the method asked first
		if (this.secondStep.methods(principal).defaultMethod() == SecondFactorKind.EMAIL_CODE) {
			this.secondStep.sendCode(principal, binding, locale);
		}
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, password);
	}

}
