package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.TokenHasher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Browsers where a user asked not to be asked for a second factor for a while. The browser keeps a random
 * 256-bit secret in a cookie; the database keeps only its keyed hash, with the device's name and dates. A
 * remembered device stands in for the second factor at sign-in only: the password is still asked, and nothing
 * that asks for a fresh second factor (a sensitive change, an application's {@code acr_values} or
 * {@code max_age}) accepts it.
 */
@Service
public class RememberedDevices {

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final RandomTokens tokens;

	private final Clock clock;

	RememberedDevices(JdbcClient jdbc, TokenHasher hasher, RandomTokens tokens, Clock clock) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.tokens = tokens;
		this.clock = clock;
	}

	/** A remembered device, as My account lists it. */
	public record Device(long id, String name, Instant rememberedAt, Instant expiresAt) {
	}

	/**
	 * Remembers a device for {@code days}.
	 * @return the secret for the browser's cookie, never stored as such
	 */
	public String remember(long accountId, String deviceName, int days) {
		String secret = this.tokens.next();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO remembered_device (account_id, secret_hash, device_name, remembered_at, expires_at)
				VALUES (:id, :hash, :name, :now, :expires)
				""")
			.param("id", accountId)
			.param("hash", this.hasher.hash(secret))
			.param("name", deviceName)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(Duration.ofDays(days))))
			.update();
		return secret;
	}

	/**
	 * Whether {@code secret} is a device the account remembers, not expired, and no older than {@code days}
	 * (so shortening the period, or setting it to 0, applies to devices remembered before).
	 */
	public boolean recognises(long accountId, String secret, int days) {
		if (secret == null || secret.length() > 100 || days <= 0) {
			return false;
		}
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM remembered_device
				WHERE account_id = :id AND secret_hash IN (:hashes) AND expires_at > :now AND remembered_at > :oldest
				""")
			.param("id", accountId)
			.param("hashes", this.hasher.hashes(secret))
			.param("now", Timestamp.from(now))
			.param("oldest", Timestamp.from(now.minus(Duration.ofDays(days))))
			.query(Long.class)
			.single() > 0;
	}

	/** The account's remembered devices that have not expired, newest first. */
	public List<Device> of(long accountId) {
		return this.jdbc.sql("""
				SELECT id, device_name, remembered_at, expires_at FROM remembered_device
				WHERE account_id = :id AND expires_at > :now ORDER BY remembered_at DESC, id DESC
				""")
			.param("id", accountId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new Device(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Forgets one device of the account's. */
	public boolean forget(long accountId, long deviceId) {
		return this.jdbc.sql("DELETE FROM remembered_device WHERE id = :device AND account_id = :id")
			.param("device", deviceId)
			.param("id", accountId)
			.update() == 1;
	}

	/**
	 * Forgets every device of the account: after a password change, a 2FA email change, a method removed, an
	 * administrator's reset, or "end all sessions".
	 * @return how many were forgotten
	 */
	public int forgetAll(long accountId) {
		return this.jdbc.sql("DELETE FROM remembered_device WHERE account_id = :id").param("id", accountId).update();
	}

	/** A device name from a user agent: the browser and the system, as a person would name them. */
	public static String deviceName(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String browser = userAgent.contains("Edg/") ? "Edge"
				: userAgent.contains("OPR/") ? "Opera"
				: userAgent.contains("Firefox/") ? "Firefox"
				: (userAgent.contains("Chrome/") || userAgent.contains("Chromium/")) ? "Chrome"
				: userAgent.contains("Safari/") ? "Safari" : "Browser";
		String system = userAgent.contains("Android") ? "Android"
				: (userAgent.contains("iPhone") || userAgent.contains("iPad")) ? "iOS"
				: userAgent.contains("Windows") ? "Windows"
				: userAgent.contains("Mac OS X") ? "macOS"
				: userAgent.contains("CrOS") ? "ChromeOS"
				: userAgent.contains("Linux") ? "Linux" : null;
		return (system != null) ? browser + " on " + system : browser;
	}

}
