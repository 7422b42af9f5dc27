package org.latchkey.oidc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.signin.FederatedSignIn;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.stepup.SecondFactorStepUp;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What tokens say about the person and their sign-in. The subject is the account's opaque one ({@link Subjects}),
 * which never changes or passes to someone else (a login may be renamed). ID tokens carry how the person signed in, from the
 * factors their sign-in recorded: {@code amr} (RFC 8176), {@code acr} ({@value #MULTI_FACTOR} when a second
 * factor was presented, else {@value #PASSWORD_ONLY}) and {@code auth_time} (when the newest factor was
 * presented), and the profile and email claims of the scopes granted. A token is refused for an account that
 * is no longer active.
 */
class AuthenticationClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The {@code acr} of a sign-in with a second factor. */
	static final String MULTI_FACTOR = "mfa";

	/** The {@code amr} and {@code acr} of a sign-in through an upstream identity provider (RFC 8176). */
	static final String FEDERATED = "fed";

	/** The {@code acr} of a sign-in with a password alone. */
	static final String PASSWORD_ONLY = "pwd";

	/**
	 * Under which a token request keeps the person it names: it makes an access token and an ID token, and reads
	 * the account and its subject once for both ({@link RequestMemo}).
	 */
	private static final String PERSON = AuthenticationClaims.class.getName() + ".PERSON";

	private final AccountManagement accounts;

	private final SessionBoundAuthorizations authorizations;

	private final Subjects subjects;

	AuthenticationClaims(AccountManagement accounts, SessionBoundAuthorizations authorizations, Subjects subjects) {
		this.accounts = accounts;
		this.authorizations = authorizations;
		this.subjects = subjects;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		Authentication principal = context.getPrincipal();
		Person person = RequestMemo.get(PERSON, principal.getName(), () -> person(principal.getName()));
		Account account = person.account();
		context.getClaims().subject(person.subject());
		if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			return;
		}
		Set<String> scopes = context.getAuthorizedScopes();
		context.getClaims().claims(claims -> {
			claims.put("amr", methods(principal));
			claims.put("acr", contextOf(principal));
			Instant authTime = authenticationTime(principal);
			if (authTime != null) {
				claims.put(IdTokenClaimNames.AUTH_TIME, Date.from(authTime));
			}
			if (scopes.contains(OidcScopes.PROFILE)) {
				claims.put("preferred_username", account.login());
				claims.put("name", account.displayName());
			}
			if (scopes.contains(OidcScopes.EMAIL) && account.businessEmail() != null) {
				claims.put("email", account.businessEmail());
			}
			claims.remove("sid");
		});
		if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
			String session = this.authorizations.sessionOf(context.getAuthorization().getId());
			if (session != null) {
				context.getClaims().claim("sid", hash(session));
			}
		}
		else if (context.getAuthorization() != null
				&& context.getAuthorization().getToken(OidcIdToken.class) != null) {
			// a refreshed ID token names the session of the first one
			Object sid = context.getAuthorization().getToken(OidcIdToken.class).getToken().getClaim("sid");
			if (sid != null) {
				context.getClaims().claim("sid", sid);
			}
		}
	}

	/** The active account of this login and its subject. */
	private Person person(String login) {
		Account account = this.accounts.findByLogin(login)
			.filter(found -> found.status() == AccountStatus.ACTIVE)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The account is no longer active", null)));
		return new Person(account, this.subjects.of(account.id()));
	}

	/** The RFC 8176 methods of the factors presented, and {@code mfa} when there were two or more. */
	static List<String> methods(Authentication principal) {
		Set<String> methods = new LinkedHashSet<>();
		int factors = 0;
		var federated = SignInCompletion.federatedOf(principal);
		if (federated.isPresent()) {
			// what the identity provider said, passed on, and that it was a federated sign-in
			methods.addAll(federated.get().amr());
			methods.add(FEDERATED);
			factors++;
		}
		for (var authority : principal.getAuthorities()) {
			if (!(authority instanceof FactorGrantedAuthority factor)) {
				continue;
			}
			String method = switch (factor.getAuthority()) {
				case FactorGrantedAuthority.PASSWORD_AUTHORITY -> "pwd";
				case SignInCompletion.EMAIL_CODE_FACTOR, SignInCompletion.AUTHENTICATOR_FACTOR -> "otp";
				case SignInCompletion.SMS_CODE_FACTOR -> "sms";
				case SignInCompletion.PASSKEY_FACTOR -> "hwk";
				case SignInCompletion.SYNCED_PASSKEY_FACTOR -> "swk";
				case SignInCompletion.USER_VERIFIED_FACTOR -> "user";
				// a look-up secret (NIST SP 800-63B §5.1.2), single use: RFC 8176 names it no better than otp
				case SignInCompletion.RECOVERY_CODE_FACTOR -> "otp";
				default -> null;
			};
			if (method != null && methods.add(method)) {
				factors++;
			}
		}
		List<String> amr = new ArrayList<>(methods);
		if (factors > 1 && !amr.contains("mfa")) {
			amr.add("mfa");
		}
		return amr;
	}

	/**
	 * The {@code acr}: {@value #MULTI_FACTOR} when a second factor is known to have been presented (Latchkey's
	 * own, or one the identity provider's ID token showed), {@value #FEDERATED} for a sign-in through an identity
	 * provider that showed none, else {@value #PASSWORD_ONLY}.
	 */
	static String contextOf(Authentication principal) {
		var federated = SignInCompletion.federatedOf(principal);
		if (SecondFactorStepUp.secondFactorOf(principal).isPresent()
				|| federated.map(FederatedSignIn::secondFactorShown).orElse(false)) {
			return MULTI_FACTOR;
		}
		return federated.isPresent() ? FEDERATED : PASSWORD_ONLY;
	}

	/** When the newest factor of a sign-in was presented; null when it recorded none. */
	static Instant authenticationTime(Authentication principal) {
		return principal.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(authority -> ((FactorGrantedAuthority) authority).getIssuedAt())
			.max(Instant::compareTo)
			.orElse(null);
	}

	/** The session id as the {@code sid} claim shows it: never the id itself, which would let a reader in. */
	private static String hash(String sessionId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Person(Account account, String subject) {
	}

}
