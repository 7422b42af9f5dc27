package org.latchkey.verify;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.TokenHasher;
import org.latchkey.verify.internal.VerifyApiSettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of applications. A key is {@code lk_} and 8 hex characters (its prefix, not secret, shown in the
 * console and the audit log) then {@code _} and 256 random bits; only its keyed hash is stored, so the key
 * exists in clear once, when it is created. A key is checked against the database on every request, so a
 * revoked key is refused at once, on every node. Each key has its own rate limit, counted by one UPDATE.
 */
@Service
public class ApiKeys {

	static final int NAME_MAX = 100;

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final VerifyApiSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiKeys(JdbcClient jdbc, TokenHasher hasher, VerifyApiSettings settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Creates a key for an application.
	 * @throws InvalidApiKeyException when the name is blank or too long, or no scope is chosen
	 */
	@Transactional
	public NewApiKey create(String applicationId, String name, Set<ApiScope> scopes) {
		String cleanName = (name != null) ? name.strip() : "";
		if (cleanName.isEmpty() || cleanName.length() > NAME_MAX
				|| cleanName.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidApiKeyException("name", "verify-api.keys.name.invalid");
		}
		if (scopes == null || scopes.isEmpty()) {
			throw new InvalidApiKeyException("scope", "verify-api.keys.scope.required");
		}
		byte[] prefixBytes = new byte[4];
		byte[] secretBytes = new byte[32];
		this.random.nextBytes(prefixBytes);
		this.random.nextBytes(secretBytes);
		String prefix = "lk_" + HexFormat.of().formatHex(prefixBytes);
		String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO api_key (application_id, name, key_prefix, key_hash, scopes, created_at)
				VALUES (:app, :name, :prefix, :hash, :scopes, :now)
				""")
			.param("app", applicationId)
			.param("name", cleanName)
			.param("prefix", prefix)
			.param("hash", this.hasher.hash(key))
			.param("scopes", scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
			.param("now", Timestamp.from(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.audit.record(VerifyEvent.API_KEY_CREATED, AuditOutcome.SUCCESS, null,
				"API key " + cleanName + " (" + prefix + ")", "application " + applicationId + ", scopes " + scopes);
		return new NewApiKey(new ApiKeyView(id, cleanName, prefix, scopes, now, null, null), key);
	}

	/** The application's keys, newest first. */
	public List<ApiKeyView> list(String applicationId) {
		return this.jdbc.sql("""
				SELECT id, name, key_prefix, scopes, created_at, last_used_at, revoked_at FROM api_key
				WHERE application_id = :app ORDER BY id DESC
				""").param("app", applicationId).query(ApiKeys::view).list();
	}

	/** Revokes a key of the application; from the next request on, it opens nothing. */
	@Transactional
	public boolean revoke(String applicationId, long keyId) {
		Optional<ApiKeyView> key = list(applicationId).stream().filter(view -> view.id() == keyId).findFirst();
		boolean revoked = this.jdbc.sql("""
				UPDATE api_key SET revoked_at = :now WHERE id = :id AND application_id = :app AND revoked_at IS NULL
				""").param("now", Timestamp.from(this.clock.instant())).param("id", keyId).param("app", applicationId)
			.update() == 1;
		if (revoked) {
			this.audit.record(VerifyEvent.API_KEY_REVOKED, AuditOutcome.SUCCESS, null,
					"API key " + key.get().name() + " (" + key.get().prefix() + ")", "application " + applicationId);
		}
		return revoked;
	}

	/** The caller a presented key stands for, if it is a key that exists and was not revoked. */
	public Optional<ApiCaller> recognise(@Nullable String presented) {
		if (presented == null || presented.length() > 200 || !presented.startsWith("lk_")) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT id, application_id, name, key_prefix, scopes FROM api_key
				WHERE key_hash IN (:hashes) AND revoked_at IS NULL
				""")
			.param("hashes", this.hasher.hashes(presented))
			.query((rs, row) -> new ApiCaller(rs.getLong("id"), rs.getString("application_id"), rs.getString("name"),
					rs.getString("key_prefix"), scopes(rs.getString("scopes"))))
			.optional();
	}

	/**
	 * Counts a request of the key against its rate limit, and notes when the key was last used.
	 * @return how long to wait when the key is over its limit, or empty when the request may go on
	 */
	@Transactional
	public Optional<Duration> admit(ApiCaller caller) {
		Instant now = this.clock.instant();
		// one statement counts the request (a new window starts when the last one is over): no lost update
		this.jdbc.sql("""
				UPDATE api_key SET
					window_requests = CASE WHEN window_start IS NULL OR window_start <= :expired THEN 1
						ELSE window_requests + 1 END,
					window_start = CASE WHEN window_start IS NULL OR window_start <= :expired THEN :now
						ELSE window_start END,
					last_used_at = :now
				WHERE id = :id
				""")
			.param("expired", Timestamp.from(now.minus(this.settings.window())))
			.param("now", Timestamp.from(now))
			.param("id", caller.keyId())
			.update();
		Window window = this.jdbc.sql("SELECT window_start, window_requests FROM api_key WHERE id = :id")
			.param("id", caller.keyId())
			.query((rs, row) -> new Window(rs.getTimestamp(1).toInstant(), rs.getInt(2)))
			.single();
		if (window.requests() <= this.settings.requestsPerWindow()) {
			return Optional.empty();
		}
		Duration wait = Duration.between(now, window.start().plus(this.settings.window()));
		if (window.requests() == this.settings.requestsPerWindow() + 1) {
			this.audit.record(VerifyEvent.API_RATE_LIMITED, AuditOutcome.FAILURE, null, caller.auditName(),
					"more than " + this.settings.requestsPerWindow() + " requests in " + this.settings.window());
		}
		return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
	}

	private record Window(Instant start, int requests) {
	}

	private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
		return new ApiKeyView(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
				scopes(rs.getString("scopes")), rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
	}

	private static Set<ApiScope> scopes(String stored) {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream(stored.split(",")).filter(name -> !name.isBlank()).map(ApiScope::valueOf).forEach(scopes::add);
		return scopes;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
