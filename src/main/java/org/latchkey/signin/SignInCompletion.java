package org.latchkey.signin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.session.SignedInWith;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a half-signed-in authentication into a signed-in one: once the second factor is accepted, and once a
 * person who signed in with a temporary password has chosen a new one. The principal gets its roles and the
 * factors' authorities; the entry point then stores it under a renewed session and reports the sign-in to
 * {@link SignInOutcomes}.
 */
@Component
public class SignInCompletion {

	/** The authority of a sign-in completed with an emailed code. */
	public static final String EMAIL_CODE_FACTOR = "FACTOR_EMAIL_OTP";

	/** The authority of a sign-in completed with a code from an authenticator app. */
	public static final String AUTHENTICATOR_FACTOR = "FACTOR_TOTP";

	/** The authority of a sign-in completed with a code sent by SMS. */
	public static final String SMS_CODE_FACTOR = "FACTOR_SMS_OTP";

	/** The authority of a sign-in completed with a device-bound passkey (amr {@code hwk}). */
	public static final String PASSKEY_FACTOR = "FACTOR_WEBAUTHN";

	/** The authority of a sign-in completed with a synced passkey, one that may be backed up (amr {@code swk}). */
	public static final String SYNCED_PASSKEY_FACTOR = "FACTOR_WEBAUTHN_SYNCED";

	/** The authority added when the passkey's authenticator verified the user (PIN, biometrics; amr {@code user}). */
	public static final String USER_VERIFIED_FACTOR = "FACTOR_USER_VERIFIED";
	/** The authority of a sign-in completed with a recovery code. */
	public static final String RECOVERY_CODE_FACTOR = "FACTOR_RECOVERY_CODE";

	/**
	 * The authority of a sign-in whose second factor a remembered device stood in for: not a second factor,
	 * so an application that asks for one gets a fresh one.
	 */
	public static final String REMEMBERED_DEVICE_FACTOR = "FACTOR_REMEMBERED_DEVICE";
	/** The authority of a sign-in an upstream identity provider vouched for (single sign-on). */
	public static final String SSO_FACTOR = "FACTOR_SSO";

	/** The page where a person who signed in with a temporary password chooses a new one. */
	public static final String NEW_PASSWORD_PATH = "/login/new-password";

	private final AccountManagement accounts;

	private final Clock clock;

	SignInCompletion(AccountManagement accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * The authentication once the second factor {@code factorAuthority} was accepted; empty when the account was
	 * disabled since step 1, in which case nobody is to be signed in. After a temporary password, its principal
	 * still holds no role ({@link SignInPrincipal#isPasswordChangeRequired}): the new password comes first.
	 */
	public Optional<Authentication> complete(Authentication pending, String factorAuthority) {
		return complete(pending, List.of(factorAuthority));
	}

	/**
	 * The authentication once a second factor was accepted that counts as several authorities (a passkey
	 * and the user verification its authenticator did); as {@link #complete(Authentication, String)}.
	 */
	public Optional<Authentication> complete(Authentication pending, List<String> factorAuthorities) {
		SignInPrincipal principal = ((SignInPrincipal) pending.getPrincipal()).completed();
		if (this.accounts.findById(principal.accountId()).map(a -> a.status() != AccountStatus.ACTIVE).orElse(true)) {
			return Optional.empty();
		}
		List<GrantedAuthority> factors = factorsOf(pending);
		// the application's clock, as for the password factor: ID tokens' auth_time and max_age read it
		for (String factorAuthority : factorAuthorities) {
			factors.add(FactorGrantedAuthority.withAuthority(factorAuthority).issuedAt(this.clock.instant()).build());
		}
		return Optional.of(authenticated(principal, factors));
	}

	/**
	 * The authentication of a first login that skipped the 2FA email, optional while 2FA is: the password is
	 * the only factor, as at every sign-in of a user who did not turn 2FA on.
	 */
	public Authentication withPasswordAlone(Authentication pending) {
		return authenticated(((SignInPrincipal) pending.getPrincipal()).completed(), factorsOf(pending));
	}

	/**
	 * The authentication of a person an upstream identity provider vouched for: its factor is the provider's
	 * sign-in ({@value #SSO_FACTOR}, with what the provider said in {@code upstream}). A {@code principal} that
	 * still owes Latchkey's own second factor holds no role until {@link #complete} adds it.
	 */
	public Authentication federated(SignInPrincipal principal, FederatedSignIn upstream) {
		List<GrantedAuthority> factors = new ArrayList<>();
		factors.add(FactorGrantedAuthority.withAuthority(SSO_FACTOR).issuedAt(this.clock.instant()).build());
		factors.add(upstream);
		return authenticated(principal, factors);
	}

	/** What the identity provider said, when {@code authentication} was signed in through one. */
	public static Optional<FederatedSignIn> federatedOf(Authentication authentication) {
		return FederatedSignIn.of(authentication.getAuthorities());
	}

	/**
	 * The authentication of a person whose new password took the place of their temporary one.
	 * @throws IllegalStateException when {@code waiting} does not wait for a new password
	 */
	public Authentication withNewPassword(Authentication waiting) {
		SignInPrincipal principal = (SignInPrincipal) waiting.getPrincipal();
		if (!principal.isPasswordChangeRequired() || principal.isSecondFactorPending()) {
			throw new IllegalStateException("This session does not wait for a new password");
		}
		return authenticated(principal.passwordChosen(), factorsOf(waiting));
	}

	/** The method of a sign-in: its second factor, if it had one, decides. */
	public static SignedInWith methodOf(Authentication authentication) {
		if (federatedOf(authentication).isPresent()) {
			return SignedInWith.SSO;
		}
		for (GrantedAuthority factor : factorsOf(authentication)) {
			if (PASSKEY_FACTOR.equals(factor.getAuthority()) || SYNCED_PASSKEY_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.PASSKEY;
			}
			if (AUTHENTICATOR_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.AUTHENTICATOR_APP;
			}
			if (SMS_CODE_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.SMS_CODE;
			}
			if (EMAIL_CODE_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.EMAIL_CODE;
			}
			if (RECOVERY_CODE_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.RECOVERY_CODE;
			}
			if (REMEMBERED_DEVICE_FACTOR.equals(factor.getAuthority())) {
				return SignedInWith.REMEMBERED_DEVICE;
			}
		}
		return SignedInWith.PASSWORD;
	}

	/** The authorities an accepted passkey adds: synced or device-bound, and whether the user was verified. */
	public static List<String> passkeyFactors(boolean synced, boolean userVerified) {
		List<String> factors = new ArrayList<>();
		factors.add(synced ? SYNCED_PASSKEY_FACTOR : PASSKEY_FACTOR);
		if (userVerified) {
			factors.add(USER_VERIFIED_FACTOR);
		}
		return factors;
	}

	/**
	 * The authentication of a sign-in with a passkey alone, which verified the user: two factors in one
	 * (something held, and a PIN or biometrics checked by the authenticator).
	 */
	public Authentication withPasskeyAlone(SignInPrincipal principal, boolean synced) {
		List<GrantedAuthority> factors = new ArrayList<>();
		for (String factor : passkeyFactors(synced, true)) {
			factors.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(this.clock.instant()).build());
		}
		return authenticated(principal, factors);
	}

	/** The principal with its roles (none while it still owes a step) and its factors. */
	private static Authentication authenticated(SignInPrincipal principal, List<GrantedAuthority> factors) {
		List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
		authorities.addAll(factors);
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
	}

	private static List<GrantedAuthority> factorsOf(Authentication authentication) {
		List<GrantedAuthority> factors = new ArrayList<>();
		authentication.getAuthorities()
			.stream()
			// what an identity provider said travels with the factors, through a second factor owed after it
			.filter(authority -> authority instanceof FactorGrantedAuthority || authority instanceof FederatedSignIn)
			.forEach(factors::add);
		return factors;
	}

}
