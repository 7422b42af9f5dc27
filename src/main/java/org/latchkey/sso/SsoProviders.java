package org.latchkey.sso;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.SecretCipher;
import org.latchkey.sso.internal.IdTokens;
import org.latchkey.sso.internal.Links;
import org.latchkey.sso.internal.ProviderHttp;
import org.latchkey.sso.internal.ProviderStore;
import org.latchkey.sso.internal.ProviderUrls;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity providers an administrator manages in the console (Authentication &amp; SSO → Single sign-on), and
 * the links between their people and Latchkey's accounts: a provider is added from its issuer's discovery
 * document, its client secret sealed and shown only by its last four characters; every change is audited.
 */
@Component
public class SsoProviders {

	private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

	private final ProviderStore store;

	private final ProviderHttp http;

	private final Links links;

	private final IdTokens idTokens;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final Clock clock;

	SsoProviders(ProviderStore store, ProviderHttp http, Links links, IdTokens idTokens, SecretCipher cipher,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.http = http;
		this.links = links;
		this.idTokens = idTokens;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Fetches what the issuer's discovery document says, for the administrator to confirm.
	 * @throws InvalidProviderException when the address is not one a provider may have, or its document
	 * cannot be fetched or does not name this issuer and the endpoints the sign-in needs
	 */
	public ProviderDiscovery discover(String issuer) {
		String address = (issuer != null) ? issuer.strip() : "";
		if (!ProviderUrls.usable(address) || address.length() > 500) {
			throw new InvalidProviderException("issuer", "sso.provider.issuer.invalid");
		}
		return this.http.discover(address);
	}

	/** Adds a provider, enabled, from its issuer's discovery document fetched again now. */
	@Transactional
	public SsoProvider add(String issuer, ProviderSettings requested) {
		ProviderSettings settings = checked(requested, true);
		ProviderDiscovery discovery = discover(issuer);
		long id = this.store.insert(discovery, settings, this.cipher.seal(settings.clientSecret()),
				hint(settings.clientSecret()), this.clock.instant());
		this.audit.record(SsoEvent.SSO_PROVIDER_ADDED, AuditOutcome.SUCCESS, null, settings.displayName(),
				discovery.issuer());
		return find(id).orElseThrow();
	}

	/** Changes a provider's settings; a blank secret keeps the stored one. */
	@Transactional
	public SsoProvider change(long id, ProviderSettings requested) {
		ProviderSettings settings = checked(requested, false);
		String secret = settings.clientSecret();
		boolean newSecret = secret != null && !secret.isEmpty();
		if (!this.store.update(id, settings, newSecret ? this.cipher.seal(secret) : null,
				newSecret ? hint(secret) : null)) {
			throw new InvalidProviderException("provider", "sso.provider.unknown");
		}
		this.idTokens.forget(id);
		this.audit.record(SsoEvent.SSO_PROVIDER_CHANGED, AuditOutcome.SUCCESS, null, settings.displayName(),
				newSecret ? "settings and client secret" : "settings");
		return find(id).orElseThrow();
	}

	/** Enables or disables a provider; returns whether that changed anything. */
	@Transactional
	public boolean setEnabled(long id, boolean enabled) {
		SsoProvider provider = find(id).orElseThrow(() -> new InvalidProviderException("provider", "sso.provider.unknown"));
		boolean changed = this.store.setEnabled(id, enabled);
		if (changed) {
			this.audit.success(enabled ? SsoEvent.SSO_PROVIDER_ENABLED : SsoEvent.SSO_PROVIDER_DISABLED, null,
					provider.displayName());
		}
		return changed;
	}

	/** Removes a provider, with the links of its people; their accounts stay. */
	@Transactional
	public boolean remove(long id) {
		Optional<SsoProvider> provider = find(id);
		if (provider.isEmpty() || !this.store.delete(id)) {
			return false;
		}
		this.idTokens.forget(id);
		this.audit.record(SsoEvent.SSO_PROVIDER_REMOVED, AuditOutcome.SUCCESS, null, provider.get().displayName(),
				provider.get().issuer());
		return true;
	}

	public Optional<SsoProvider> find(long id) {
		return this.store.find(id).map(row -> row.provider());
	}

	public List<SsoProvider> all() {
		return this.store.all();
	}

	/** The providers the sign-in page offers a button for. */
	public List<SsoProvider> enabled() {
		return this.store.enabled();
	}

	/** The providers an account is linked to. */
	public List<LinkedProvider> linksOf(long accountId) {
		return this.links.of(accountId);
	}

	/** Unlinks an account from a provider: its next sign-in there is linked again by the provider's rule. */
	@Transactional
	public boolean unlink(long accountId, String login, long providerId) {
		boolean unlinked = this.links.unlink(accountId, providerId);
		if (unlinked) {
			this.audit.record(SsoEvent.SSO_ACCOUNT_UNLINKED, AuditOutcome.SUCCESS, accountId, login,
					find(providerId).map(SsoProvider::displayName).orElse(null));
		}
		return unlinked;
	}

	private static ProviderSettings checked(ProviderSettings settings, boolean secretRequired) {
		String displayName = text(settings.displayName(), "displayName", 100);
		String buttonLabel = text(settings.buttonLabel(), "buttonLabel", 100);
		String clientId = text(settings.clientId(), "clientId", 255);
		String secret = (settings.clientSecret() != null) ? settings.clientSecret().strip() : "";
		if ((secretRequired && secret.isEmpty()) || secret.length() > 1000) {
			throw new InvalidProviderException("clientSecret", "sso.provider.secret.invalid");
		}
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add("openid");
		for (String scope : ((settings.scopes() != null) ? settings.scopes() : "").strip().split("\\s+")) {
			if (scope.isEmpty()) {
				continue;
			}
			if (!SCOPE.matcher(scope).matches()) {
				throw new InvalidProviderException("scopes", "sso.provider.scopes.invalid");
			}
			scopes.add(scope);
		}
		String claim = (settings.linkClaim() == null || settings.linkClaim().isBlank()) ? "email"
				: settings.linkClaim().strip();
		if (!CLAIM.matcher(claim).matches()) {
			throw new InvalidProviderException("linkClaim", "sso.provider.claim.invalid");
		}
		if (settings.linking() == null) {
			throw new InvalidProviderException("linking", "sso.provider.linking.invalid");
		}
		if (settings.secondFactor() == null) {
			throw new InvalidProviderException("secondFactor", "sso.provider.second-factor.invalid");
		}
		List<String> acr = new ArrayList<>();
		for (String value : (settings.acceptedAcr() != null) ? settings.acceptedAcr() : List.<String>of()) {
			for (String one : value.strip().split("\\s+")) {
				if (one.isEmpty()) {
					continue;
				}
				if (!SCOPE.matcher(one).matches()) {
					throw new InvalidProviderException("acceptedAcr", "sso.provider.acr.invalid");
				}
				acr.add(one);
			}
		}
		String scopeText = String.join(" ", scopes);
		if (scopeText.length() > 500 || String.join(" ", acr).length() > 500) {
			throw new InvalidProviderException("scopes", "sso.provider.scopes.invalid");
		}
		return new ProviderSettings(displayName, buttonLabel, clientId, secret, scopeText, claim, settings.linking(),
				settings.secondFactor(), acr);
	}

	private static String text(String value, String field, int max) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty() || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidProviderException(field, "sso.provider." + field + ".invalid");
		}
		return text;
	}

	/** The secret's last four characters, which tell secrets apart and give nothing of one away. */
	private static String hint(String secret) {
		return (secret.length() <= 8) ? "…" : secret.substring(secret.length() - 4);
	}

}
