package org.latchkey.sms.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.latchkey.sms.SmsBodyFormat;
import org.latchkey.sms.SmsProviderKind;
import org.latchkey.system.SettingsCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one row of {@code sms_settings}: the provider, its sealed secrets, the hourly cap and the countries. It is
 * read once and kept in memory ({@link SettingsCache}), since every sign-in asks whether SMS can be offered; every
 * change says so in its transaction, and every node reads it again once that commits.
 */
@Repository
public class SmsSettingsStore {

	private static final String TABLE = "sms_settings";

	private final JdbcClient jdbc;

	private final SettingsCache cache;

	SmsSettingsStore(JdbcClient jdbc, SettingsCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** The settings as they stand, kept in memory until they change on any node. */
	public StoredSmsSettings current() {
		return this.cache.get(TABLE, this::read);
	}

	private StoredSmsSettings read() {
		return this.jdbc.sql("""
				SELECT provider, twilio_account_sid, twilio_sealed_auth_token, twilio_sender, http_url, http_method,
					http_sealed_headers, http_body_template, http_body_format, hourly_cap, allowed_country_codes,
					cap_reached_at, twilio_verify_service_sid
				FROM sms_settings WHERE id = 1
				""").query(SmsSettingsStore::settings).single();
	}

	/** The row as it stands, locked until the transaction ends, so two administrators save one after the other. */
	public StoredSmsSettings lockCurrent() {
		return this.jdbc.sql("""
				SELECT provider, twilio_account_sid, twilio_sealed_auth_token, twilio_sender, http_url, http_method,
					http_sealed_headers, http_body_template, http_body_format, hourly_cap, allowed_country_codes,
					cap_reached_at, twilio_verify_service_sid
				FROM sms_settings WHERE id = 1 FOR UPDATE
				""").query(SmsSettingsStore::settings).single();
	}

	public void save(StoredSmsSettings settings, Instant now) {
		this.jdbc.sql("""
				UPDATE sms_settings SET provider = :provider, twilio_account_sid = :sid,
					twilio_sealed_auth_token = :token, twilio_sender = :sender, http_url = :url, http_method = :method,
					http_sealed_headers = :headers, http_body_template = :body, http_body_format = :format,
					hourly_cap = :cap, allowed_country_codes = :countries, updated_at = :now,
					twilio_verify_service_sid = :verifyServiceSid
				WHERE id = 1
				""")
			.param("provider", settings.provider().name())
			.param("sid", settings.accountSid())
			.param("token", settings.sealedAuthToken())
			.param("sender", settings.sender())
			.param("url", settings.url())
			.param("method", settings.method())
			.param("headers", settings.sealedHeaders())
			.param("body", settings.bodyTemplate())
			.param("format", (settings.bodyFormat() != null) ? settings.bodyFormat().name() : null)
			.param("cap", settings.hourlyCap())
			.param("countries", settings.allowedCountryCodes()
				.stream()
				.sorted()
				.map(String::valueOf)
				.collect(Collectors.joining(",")))
			.param("now", Timestamp.from(now))
			.param("verifyServiceSid", settings.verifyServiceSid())
			.update();
		this.cache.changed(TABLE);
	}

	/** Notes that the hourly cap is reached; true only the first time in an hour, so it is audited once. */
	boolean markCapReached(Instant now, Instant hourAgo) {
		boolean first = this.jdbc.sql("""
				UPDATE sms_settings SET cap_reached_at = :now
				WHERE id = 1 AND (cap_reached_at IS NULL OR cap_reached_at <= :hourAgo)
				""").param("now", Timestamp.from(now)).param("hourAgo", Timestamp.from(hourAgo)).update() == 1;
		if (first) {
			this.cache.changed(TABLE);
		}
		return first;
	}

	private static StoredSmsSettings settings(ResultSet rs, int row) throws SQLException {
		String format = rs.getString("http_body_format");
		return new StoredSmsSettings(SmsProviderKind.valueOf(rs.getString("provider")),
				rs.getString("twilio_account_sid"), rs.getString("twilio_sealed_auth_token"),
				rs.getString("twilio_sender"), rs.getString("http_url"), rs.getString("http_method"),
				rs.getString("http_sealed_headers"), rs.getString("http_body_template"),
				(format != null) ? SmsBodyFormat.valueOf(format) : null, rs.getInt("hourly_cap"),
				countryCodes(rs.getString("allowed_country_codes")), instant(rs.getTimestamp("cap_reached_at")),
				rs.getString("twilio_verify_service_sid"));
	}

	private static Set<Integer> countryCodes(String stored) {
		return Arrays.stream(stored.split(","))
			.filter(code -> !code.isBlank())
			.map(Integer::valueOf)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
