package org.latchkey.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.oidc.internal.ClientSecretHashes;
import org.latchkey.oidc.internal.OidcSettings;
import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.TokenHasher;
import org.latchkey.system.SettingsCache;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of applications that sign people in through Latchkey, as administrators keep it: register
 * (the secret is returned once and only its hash stored), replace a secret, disable (which also revokes every
 * token the application holds) and enable again. Every change is audited.
 */
@Service
public class OidcClients {

	/** The scopes an application may be allowed; {@code openid} is always among them. */
	public static final Set<String> SCOPES = new LinkedHashSet<>(List.of("openid", "profile", "email",
			"offline_access"));

	/**
	 * What the authorization server keeps of the enabled clients is kept in memory under this name
	 * ({@link SettingsCache}): whatever changes a client says so with it, in its transaction.
	 */
	public static final String CLIENTS = "oidc_client";

	private static final int NAME_MAX = 200;

	private static final int URIS_MAX = 10;

	private static final int URI_MAX = 300;

	private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private final JdbcRegisteredClientRepository registered;

	private final JdbcClient jdbc;

	private final ClientSecretHashes hashes;

	private final RandomTokens tokens;

	private final OidcSettings settings;

	private final AuditLog audit;

	private final java.time.Clock clock;

	private final SettingsCache cache;

	OidcClients(JdbcOperations operations, JdbcClient jdbc, TokenHasher hasher, RandomTokens tokens,
			OidcSettings settings, AuditLog audit, java.time.Clock clock, SettingsCache cache) {
		this.cache = cache;
		this.registered = new JdbcRegisteredClientRepository(operations);
		this.jdbc = jdbc;
		this.hashes = new ClientSecretHashes(hasher);
		this.tokens = tokens;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Registers an application.
	 * @throws InvalidClientException when a field is refused
	 */
	@Transactional
	public RegisteredApplication register(NewClient request) {
		String name = (request.name() == null) ? "" : request.name().strip();
		if (name.isEmpty() || name.length() > NAME_MAX) {
			throw new InvalidClientException("name", "oidc.client.name.invalid");
		}
		List<String> redirectUris = uris(request.redirectUris(), "redirectUris", request.confidential());
		if (redirectUris.isEmpty()) {
			throw new InvalidClientException("redirectUris", "oidc.client.redirect.missing");
		}
		List<String> postLogoutUris = uris(request.postLogoutRedirectUris(), "postLogoutRedirectUris",
				request.confidential());
		Set<String> scopes = new LinkedHashSet<>(List.of("openid"));
		if (request.scopes() != null) {
			for (String scope : request.scopes()) {
				if (!SCOPES.contains(scope)) {
					throw new InvalidClientException("scopes", "oidc.client.scope.invalid");
				}
				scopes.add(scope);
			}
		}
		Instant now = this.clock.instant();
		String secret = request.confidential() ? this.tokens.next() : null;
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(UUID.randomUUID().toString())
			.clientIdIssuedAt(now)
			.clientName(name)
			.clientSecret((secret != null) ? this.hashes.encode(secret) : null)
			.clientAuthenticationMethods(methods -> {
				if (request.confidential()) {
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
				}
				else {
					methods.add(ClientAuthenticationMethod.NONE);
				}
			})
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(uris -> uris.addAll(redirectUris))
			.postLogoutRedirectUris(uris -> uris.addAll(postLogoutUris))
			.scopes(allowed -> allowed.addAll(scopes))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(!request.confidential())
				.requireAuthorizationConsent(!request.firstParty())
				.build())
			.tokenSettings(TokenSettings.builder()
				.authorizationCodeTimeToLive(CODE_LIFETIME)
				.accessTokenTimeToLive(this.settings.accessTokenLifetime())
				.refreshTokenTimeToLive(this.settings.refreshTokenLifetime())
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
				.build())
			.build();
		this.cache.changed(CLIENTS);
		this.registered.save(client);
		this.jdbc.sql("INSERT INTO oidc_client (registered_client_id, enabled, created_at) VALUES (:id, TRUE, :now)")
			.param("id", client.getId())
			.param("now", Timestamp.from(now))
			.update();
		this.audit.record(OidcAuditEvent.OIDC_CLIENT_REGISTERED, AuditOutcome.SUCCESS, null, name,
				"client_id " + client.getClientId());
		return new RegisteredApplication(find(client.getId()).orElseThrow(), secret);
	}

	/**
	 * Replaces an application's redirect URIs and post-logout redirect URIs, checked as at registration (at
	 * least one redirect URI; HTTPS, or HTTP on the loopback; a custom scheme only for a public client). A
	 * redirect URI taken away is refused from the next authorization request on. Empty when there is no such
	 * client.
	 * @throws InvalidClientException when a field is refused; nothing changes then
	 */
	@Transactional
	public Optional<OidcClient> changeRedirectUris(String id, String redirectUris, String postLogoutRedirectUris) {
		RegisteredClient client = this.registered.findById(id);
		if (client == null) {
			return Optional.empty();
		}
		boolean confidential = client.getClientSecret() != null;
		List<String> redirects = uris(redirectUris, "redirectUris", confidential);
		if (redirects.isEmpty()) {
			throw new InvalidClientException("redirectUris", "oidc.client.redirect.missing");
		}
		List<String> postLogout = uris(postLogoutRedirectUris, "postLogoutRedirectUris", confidential);
		this.cache.changed(CLIENTS);
		this.registered.save(RegisteredClient.from(client).redirectUris(uris -> {
			uris.clear();
			uris.addAll(redirects);
		}).postLogoutRedirectUris(uris -> {
			uris.clear();
			uris.addAll(postLogout);
		}).build());
		this.audit.record(OidcAuditEvent.OIDC_CLIENT_REDIRECTS_CHANGED, AuditOutcome.SUCCESS, null,
				client.getClientName(), "client_id " + client.getClientId());
		return find(id);
	}

	/** Replaces a confidential client's secret; the old one stops working at once. Empty when there is none. */
	@Transactional
	public Optional<RegisteredApplication> rotateSecret(String id) {
		RegisteredClient client = this.registered.findById(id);
		if (client == null || client.getClientSecret() == null) {
			return Optional.empty();
		}
		String secret = this.tokens.next();
		this.cache.changed(CLIENTS);
		this.registered.save(RegisteredClient.from(client).clientSecret(this.hashes.encode(secret)).build());
		this.jdbc.sql("UPDATE oidc_client SET secret_rotated_at = :now WHERE registered_client_id = :id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
		this.audit.record(OidcAuditEvent.OIDC_CLIENT_SECRET_ROTATED, AuditOutcome.SUCCESS, null, client.getClientName(),
				"client_id " + client.getClientId());
		return Optional.of(new RegisteredApplication(find(id).orElseThrow(), secret));
	}

	/**
	 * Disables a client: it becomes unknown to the provider and every token it holds is revoked, in one
	 * transaction. Returns false when there is no such client.
	 */
	@Transactional
	public boolean disable(String id) {
		return setEnabled(id, false);
	}

	/** Lets a disabled client sign people in again; returns false when there is no such client. */
	@Transactional
	public boolean enable(String id) {
		return setEnabled(id, true);
	}

	private boolean setEnabled(String id, boolean enabled) {
		this.cache.changed(CLIENTS);
		int changed = this.jdbc.sql("UPDATE oidc_client SET enabled = :enabled WHERE registered_client_id = :id")
			.param("enabled", enabled)
			.param("id", id)
			.update();
		if (changed == 0) {
			return false;
		}
		if (!enabled) {
			this.jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = :id").param("id", id).update();
		}
		RegisteredClient client = this.registered.findById(id);
		this.audit.record(enabled ? OidcAuditEvent.OIDC_CLIENT_ENABLED : OidcAuditEvent.OIDC_CLIENT_DISABLED, AuditOutcome.SUCCESS, null,
				client.getClientName(), "client_id " + client.getClientId());
		return true;
	}

	/** Every registered client, by name. */
	public List<OidcClient> list() {
		return this.jdbc.sql("""
				SELECT c.id FROM oauth2_registered_client c JOIN oidc_client o ON o.registered_client_id = c.id
				ORDER BY LOWER(c.client_name), c.id
				""").query(String.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
	}

	public Optional<OidcClient> find(String id) {
		RegisteredClient client = this.registered.findById(id);
		if (client == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT enabled, created_at FROM oidc_client WHERE registered_client_id = :id")
			.param("id", id)
			.query((rs, row) -> new OidcClient(client.getId(), client.getClientId(), client.getClientName(),
					client.getClientSecret() != null, !client.getClientSettings().isRequireAuthorizationConsent(),
					List.copyOf(client.getRedirectUris()), List.copyOf(client.getPostLogoutRedirectUris()),
					Set.copyOf(client.getScopes()), rs.getBoolean("enabled"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	/**
	 * The addresses of a text area, one a line, each checked: absolute, no fragment, no comma (the register
	 * stores them comma-separated), https, or http on this machine only; a public (native) client may also use
	 * a private scheme named after a domain it owns (RFC 8252), such as {@code com.example.app:/callback}.
	 */
	private static List<String> uris(String text, String field, boolean confidential) {
		if (text == null) {
			return List.of();
		}
		List<String> uris = Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
			.distinct()
			.toList();
		if (uris.size() > URIS_MAX) {
			throw new InvalidClientException(field, "oidc.client.uri.too-many");
		}
		for (String uri : uris) {
			if (!isAcceptable(uri, confidential)) {
				throw new InvalidClientException(field, "oidc.client.uri.invalid");
			}
		}
		return uris;
	}

	private static boolean isAcceptable(String text, boolean confidential) {
		if (text.length() > URI_MAX || text.contains(",") || text.chars().anyMatch(Character::isWhitespace)) {
			return false;
		}
		try {
			URI uri = new URI(text);
			if (!uri.isAbsolute() || uri.getRawFragment() != null) {
				return false;
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			if (scheme.equals("https")) {
				return uri.getHost() != null;
			}
			if (scheme.equals("http")) {
				return uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
			}
			return !confidential && scheme.contains(".") && !scheme.equals("javascript") && !scheme.equals("data");
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
