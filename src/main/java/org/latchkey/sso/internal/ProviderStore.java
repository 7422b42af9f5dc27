package org.latchkey.sso.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.latchkey.sso.ProviderDiscovery;
import org.latchkey.sso.ProviderLinking;
import org.latchkey.sso.ProviderSettings;
import org.latchkey.sso.SecondFactorAfterSso;
import org.latchkey.sso.SsoProvider;
import org.latchkey.system.SettingsCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code sso_provider} table. The enabled providers, which every sign-in page and home page shows, are kept in
 * memory ({@link SettingsCache}) until a change here, on any node.
 */
@Component
public class ProviderStore {

	static final String TABLE = "sso_provider";

	private static final String COLUMNS = """
			id, issuer, display_name, button_label, client_id, client_secret_hint, scopes, link_claim, linking,
			second_factor, accepted_acr, authorization_endpoint, token_endpoint, jwks_uri, end_session_endpoint,
			enabled, sealed_client_secret""";

	private final JdbcClient jdbc;

	private final SettingsCache cache;

	ProviderStore(JdbcClient jdbc, SettingsCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	public long insert(ProviderDiscovery discovery, ProviderSettings settings, String sealedSecret, String hint,
			Instant now) {
		this.cache.changed(TABLE);
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO sso_provider (issuer, display_name, button_label, client_id, sealed_client_secret,
					client_secret_hint, scopes, link_claim, linking, second_factor, accepted_acr,
					authorization_endpoint, token_endpoint, jwks_uri, end_session_endpoint, enabled, created_at)
				VALUES (:issuer, :displayName, :buttonLabel, :clientId, :sealed, :hint, :scopes, :linkClaim,
					:linking, :secondFactor, :acr, :authorization, :token, :jwks, :endSession, TRUE, :now)
				""")
			.param("issuer", discovery.issuer())
			.params(settingsOf(settings, sealedSecret, hint))
			.param("authorization", discovery.authorizationEndpoint())
			.param("token", discovery.tokenEndpoint())
			.param("jwks", discovery.jwksUri())
			.param("endSession", discovery.endSessionEndpoint())
			.param("now", Timestamp.from(now))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Changes the settings; the secret only when {@code sealedSecret} is not {@code null}. */
	public boolean update(long id, ProviderSettings settings, String sealedSecret, String hint) {
		this.cache.changed(TABLE);
		return this.jdbc.sql("""
				UPDATE sso_provider SET display_name = :displayName, button_label = :buttonLabel,
					client_id = :clientId, sealed_client_secret = COALESCE(:sealed, sealed_client_secret),
					client_secret_hint = COALESCE(:hint, client_secret_hint), scopes = :scopes,
					link_claim = :linkClaim, linking = :linking, second_factor = :secondFactor, accepted_acr = :acr
				WHERE id = :id
				""")
			.params(settingsOf(settings, sealedSecret, hint))
			.param("id", id)
			.update() > 0;
	}

	/** The parameters both the insert and the update name. */
	private static Map<String, Object> settingsOf(ProviderSettings settings, String sealedSecret, String hint) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("displayName", settings.displayName());
		parameters.put("buttonLabel", settings.buttonLabel());
		parameters.put("clientId", settings.clientId());
		parameters.put("sealed", sealedSecret);
		parameters.put("hint", hint);
		parameters.put("scopes", settings.scopes());
		parameters.put("linkClaim", settings.linkClaim());
		parameters.put("linking", settings.linking().name());
		parameters.put("secondFactor", settings.secondFactor().name());
		parameters.put("acr", String.join(" ", settings.acceptedAcr()));
		return parameters;
	}

	/** Whether the provider's enabled flag changed. */
	public boolean setEnabled(long id, boolean enabled) {
		this.cache.changed(TABLE);
		return this.jdbc.sql("UPDATE sso_provider SET enabled = :enabled WHERE id = :id AND enabled <> :enabled")
			.param("id", id)
			.param("enabled", enabled)
			.update() > 0;
	}

	public boolean delete(long id) {
		this.cache.changed(TABLE);
		return this.jdbc.sql("DELETE FROM sso_provider WHERE id = :id").param("id", id).update() > 0;
	}

	public Optional<ProviderRow> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM sso_provider WHERE id = :id")
			.param("id", id)
			.query(ProviderStore::row)
			.optional();
	}

	public List<SsoProvider> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM sso_provider ORDER BY display_name, id")
			.query(ProviderStore::row)
			.list()
			.stream()
			.map(ProviderRow::provider)
			.toList();
	}

	/** The providers the sign-in page offers a button for, as last read on this node. */
	public List<SsoProvider> enabled() {
		return this.cache.get(TABLE, () -> all().stream().filter(SsoProvider::enabled).toList());
	}

	private static ProviderRow row(ResultSet rs, int row) throws SQLException {
		String acr = rs.getString("accepted_acr");
		ProviderDiscovery discovery = new ProviderDiscovery(rs.getString("issuer"),
				rs.getString("authorization_endpoint"), rs.getString("token_endpoint"), rs.getString("jwks_uri"),
				rs.getString("end_session_endpoint"));
		SsoProvider provider = new SsoProvider(rs.getLong("id"), rs.getString("issuer"),
				rs.getString("display_name"), rs.getString("button_label"), rs.getString("client_id"),
				rs.getString("client_secret_hint"), rs.getString("scopes"), rs.getString("link_claim"),
				ProviderLinking.valueOf(rs.getString("linking")),
				SecondFactorAfterSso.valueOf(rs.getString("second_factor")),
				acr.isBlank() ? List.of() : Arrays.asList(acr.strip().split("\\s+")), discovery,
				rs.getBoolean("enabled"));
		return new ProviderRow(provider, rs.getString("sealed_client_secret"));
	}

}
