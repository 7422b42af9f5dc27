package org.latchkey.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Credentials;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.SecretCipher;
import org.latchkey.secret.TokenHasher;
import org.latchkey.signin.FederatedSignIn;
import org.latchkey.signin.SecondStep;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.sso.internal.IdTokens;
import org.latchkey.sso.internal.Links;
import org.latchkey.sso.internal.ProviderCallException;
import org.latchkey.sso.internal.ProviderHttp;
import org.latchkey.sso.internal.ProviderRow;
import org.latchkey.sso.internal.ProviderStore;
import org.latchkey.sso.internal.ProviderUrls;
import org.latchkey.sso.internal.SsoSettings;
import org.latchkey.sso.internal.States;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in through an identity provider, whichever entry point carries the browser: the authorization request
 * (code flow, PKCE S256, {@code state}, {@code nonce}), then the callback: the state spent once, the code exchanged,
 * the ID token validated ({@link IdTokens}), the person found by their link or linked by the provider's rule, a
 * disabled account refused, and the provider's second-factor policy applied. Every refusal is audited and
 * returned as a reason for a page, never thrown.
 */
@Component
public class SsoSignIn {

	private static final String EMAIL = "email";

	private final ProviderStore store;

	private final ProviderHttp http;

	private final IdTokens idTokens;

	private final Links links;

	private final States states;

	private final AccountManagement accounts;

	private final SignInCompletion completion;

	private final SecondStep secondStep;

	private final SecretCipher cipher;

	private final TokenHasher hasher;

	private final RandomTokens tokens;

	private final AuditLog audit;

	private final SsoSettings settings;

	private final Clock clock;

	SsoSignIn(ProviderStore store, ProviderHttp http, IdTokens idTokens, Links links, States states,
			AccountManagement accounts, SignInCompletion completion, SecondStep secondStep, SecretCipher cipher,
			TokenHasher hasher, RandomTokens tokens, AuditLog audit, SsoSettings settings, Clock clock) {
		this.store = store;
		this.http = http;
		this.idTokens = idTokens;
		this.links = links;
		this.states = states;
		this.accounts = accounts;
		this.completion = completion;
		this.secondStep = secondStep;
		this.cipher = cipher;
		this.hasher = hasher;
		this.tokens = tokens;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The authorization request to send the browser to, for an enabled provider; empty for any other.
	 * @param redirectUri Latchkey's callback address, as registered at the provider
	 */
	public Optional<SsoRequest> start(long providerId, String redirectUri) {
		Optional<SsoProvider> found = this.store.find(providerId).map(ProviderRow::provider).filter(SsoProvider::enabled);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		SsoProvider provider = found.get();
		String state = this.tokens.next();
		String nonce = this.tokens.next();
		String verifier = this.tokens.next();
		Instant now = this.clock.instant();
		this.states.issued(this.hasher.hash(state), providerId, now, now.plus(this.settings.requestLifetime()));
		String url = UriComponentsBuilder.fromUriString(provider.discovery().authorizationEndpoint())
			.queryParam("response_type", "code")
			.queryParam("client_id", provider.clientId())
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", provider.scopes())
			.queryParam("state", state)
			.queryParam("nonce", nonce)
			.queryParam("code_challenge", challenge(verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();
		return Optional.of(new SsoRequest(providerId, state, nonce, verifier, redirectUri, url));
	}

	/**
	 * The provider's answer at the callback.
	 * @param pending the request this browser was sent with, or {@code null} when its session holds none (a
	 * replayed or forged callback)
	 */
	public SsoOutcome finish(@Nullable SsoRequest pending, @Nullable String state, @Nullable String code,
			@Nullable String error) {
		if (pending == null || state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
				pending.state().getBytes(StandardCharsets.UTF_8))) {
			return refused(SsoFailure.STATE_INVALID, null, null, "no authorization request of this browser has "
					+ "this state");
		}
		Optional<ProviderRow> row = this.store.find(pending.providerId());
		if (row.isEmpty() || !row.get().provider().enabled()) {
			return refused(SsoFailure.PROVIDER_DISABLED, row.map(ProviderRow::provider).orElse(null), null,
					"provider disabled or removed");
		}
		SsoProvider provider = row.get().provider();
		if (!this.states.spend(this.hasher.hash(state), provider.id(), this.clock.instant())) {
			return refused(SsoFailure.STATE_INVALID, provider, null, "state spent already or expired");
		}
		if (error != null) {
			return refused(SsoFailure.PROVIDER_ERROR, provider, null,
					"the provider answered " + ProviderUrls.printable(error, 60));
		}
		if (code == null || code.isBlank()) {
			return refused(SsoFailure.PROVIDER_ERROR, provider, null, "no code in the provider's answer");
		}
		try {
			String idToken = this.http.idTokenFor(provider.discovery().tokenEndpoint(), provider.clientId(),
					this.cipher.open(row.get().sealedClientSecret()), code, pending.redirectUri(),
					pending.codeVerifier());
			Jwt claims = this.idTokens.validate(provider, idToken, pending.nonce());
			return signIn(provider, claims);
		}
		catch (ProviderCallException ex) {
			return refused(ex.reason(), provider, null, ex.getMessage());
		}
	}

	/**
	 * Sends the first code of Latchkey's own second factor, when an emailed code is the method asked first, to a
	 * person a provider vouched for whose sign-in owes one.
	 * @param binding the secret the browser's codes are bound to
	 */
	public void secondFactorOwed(Authentication pending, String binding, Locale locale) {
		SignInPrincipal principal = (SignInPrincipal) pending.getPrincipal();
		if (this.secondStep.methods(principal).defaultMethod() == SecondFactorKind.EMAIL_CODE) {
			this.secondStep.sendCode(principal, binding, locale);
		}
	}

	private SsoOutcome signIn(SsoProvider provider, Jwt claims) {
		String subject = claims.getSubject();
		Instant now = this.clock.instant();
		Optional<Long> linked = this.links.accountOf(provider.id(), subject);
		Account account;
		if (linked.isPresent()) {
			account = this.accounts.findById(linked.get()).orElse(null);
			if (account == null) {
				return refused(SsoFailure.UNKNOWN_PERSON, provider, null, "linked account gone");
			}
			this.links.used(provider.id(), subject, now);
		}
		else {
			if (provider.linking() == ProviderLinking.LINKED_ONLY) {
				return refused(SsoFailure.UNKNOWN_PERSON, provider, null, "no account linked to this person");
			}
			String value = claims.getClaimAsString(provider.linkClaim());
			if (value == null || value.isBlank()) {
				return refused(SsoFailure.UNKNOWN_PERSON, provider, null,
						"the ID token has no " + provider.linkClaim() + " claim");
			}
			if (EMAIL.equals(provider.linkClaim()) && !Boolean.TRUE.equals(verified(claims))) {
				return refused(SsoFailure.EMAIL_NOT_VERIFIED, provider, null, "email not verified by the provider");
			}
			List<Account> active = byEmail(value, AccountStatus.ACTIVE);
			if (active.size() > 1) {
				return refused(SsoFailure.UNKNOWN_PERSON, provider, null, "several accounts have this email");
			}
			if (active.isEmpty()) {
				List<Account> others = byEmail(value, AccountStatus.DISABLED);
				if (!others.isEmpty()) {
					return refused(SsoFailure.ACCOUNT_DISABLED, provider, others.get(0), "account disabled");
				}
				if (provider.linking() != ProviderLinking.CREATE_ACCOUNTS) {
					return refused(SsoFailure.UNKNOWN_PERSON, provider, null, "no account has this email");
				}
				account = created(provider, claims, value);
				if (account == null) {
					return refused(SsoFailure.UNKNOWN_PERSON, provider, null, "no login could be chosen");
				}
			}
			else {
				account = active.get(0);
			}
			if (!this.links.link(provider.id(), subject, account.id(), now)) {
				// another sign-in linked this subject first, or the account is linked to another subject
				Optional<Long> winner = this.links.accountOf(provider.id(), subject);
				if (winner.isEmpty() || winner.get() != account.id()) {
					return refused(SsoFailure.UNKNOWN_PERSON, provider, account,
							"the account is linked to another person of this provider");
				}
			}
			else {
				this.audit.record(SsoEvent.SSO_ACCOUNT_LINKED, AuditOutcome.SUCCESS, account.id(), account.login(),
						provider.displayName());
			}
		}
		if (account.status() != AccountStatus.ACTIVE) {
			return refused(SsoFailure.ACCOUNT_DISABLED, provider, account, "account " + account.status());
		}
		List<String> amr = claims.getClaimAsStringList("amr");
		amr = (amr != null) ? amr.stream().map(value -> ProviderUrls.printable(value, 40)).limit(10).toList()
				: List.of();
		String acr = claims.getClaimAsString("acr");
		acr = (acr != null) ? ProviderUrls.printable(acr, 200) : null;
		boolean shown = amr.contains("mfa") || (acr != null && provider.acceptedAcr().contains(acr));
		if (provider.secondFactor() == SecondFactorAfterSso.PROVIDER_MFA && !shown) {
			return refused(SsoFailure.SECOND_FACTOR_MISSING, provider, account, "the ID token shows no second factor"
					+ " (amr " + amr + ", acr " + acr + ")");
		}
		boolean owed = provider.secondFactor() == SecondFactorAfterSso.LATCHKEY_SECOND_FACTOR;
		SignInPrincipal principal = new SignInPrincipal(
				new Credentials(account.id(), account.login(), account.role(), account.status(), null), owed, false);
		Authentication authentication = this.completion.federated(principal,
				new FederatedSignIn(provider.id(), amr, acr, shown));
		this.audit.record(SsoEvent.SSO_SIGN_IN, AuditOutcome.SUCCESS, account.id(), account.login(),
				provider.displayName() + (owed ? ": Latchkey's second factor owed" : ""));
		return new SsoOutcome.Accepted(authentication, owed);
	}

	private static Object verified(Jwt claims) {
		Object value = claims.getClaims().get("email_verified");
		// some providers send the boolean as a string
		return (value instanceof String text) ? Boolean.valueOf("true".equals(text)) : value;
	}

	private List<Account> byEmail(String email, AccountStatus status) {
		return this.accounts.findByIdentifier(email, status, 5)
			.stream()
			.filter(account -> email.strip().equalsIgnoreCase(account.businessEmail()))
			.toList();
	}

	/** A new account (role user) for a person the provider vouched for; null when no login could be taken. */
	private @Nullable Account created(SsoProvider provider, Jwt claims, String email) {
		String name = claims.getClaimAsString("name");
		String displayName = (name != null && !name.isBlank()) ? name.strip() : email.strip();
		String preferred = claims.getClaimAsString("preferred_username");
		for (String login : (preferred != null) ? List.of(preferred.strip(), email.strip()) : List.of(email.strip())) {
			try {
				Account account = this.accounts
					.createWithoutPassword(new NewAccount(login, displayName, email.strip(), Role.USER));
				this.audit.record(SsoEvent.SSO_ACCOUNT_CREATED, AuditOutcome.SUCCESS, account.id(), account.login(),
						provider.displayName());
				return account;
			}
			catch (InvalidAccountException ex) {
				// taken, or not a login Latchkey accepts: the next candidate
			}
		}
		return null;
	}

	private SsoOutcome refused(SsoFailure reason, @Nullable SsoProvider provider, @Nullable Account account,
			String detail) {
		String name = (provider != null) ? provider.displayName() : null;
		this.audit.record(SsoEvent.SSO_SIGN_IN, AuditOutcome.FAILURE, (account != null) ? account.id() : null,
				(account != null) ? account.login() : name,
				reason.name() + ((name != null) ? " (" + name + ")" : "") + ": " + detail);
		return new SsoOutcome.Refused(reason, name);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
