package org.latchkey.factor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.commons.codec.binary.Base32;
import org.latchkey.factor.internal.FactorSettings;
import org.latchkey.factor.internal.OneTimePasswords;
import org.latchkey.secret.SecretCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authenticator apps (TOTP, RFC 6238) as every common app reads them: SHA-1, 6 digits, 30 seconds. The
 * 160-bit secret comes from {@link SecureRandom}, is stored encrypted, and is shown only while its enrolment
 * waits for a first code (ten minutes). A code is accepted for the current time step or the one before or
 * after; the step it matched is recorded with one conditional UPDATE, so a code works once, on every node
 * (RFC 6238 §5.2).
 */
@Service
public class AuthenticatorApps {

	static final int SECRET_BYTES = 20;

	static final int DIGITS = 6;

	static final long PERIOD_SECONDS = 30;

	private static final String ALGORITHM = "HmacSHA1";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final FactorSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	AuthenticatorApps(JdbcClient jdbc, SecretCipher cipher, FactorSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Starts an enrolment with a new secret, replacing any earlier pending one. An app already in use stays
	 * in use until the new one is confirmed.
	 * @param accountName the label the app shows under the issuer, usually the login
	 */
	@Transactional
	public TotpEnrolment start(long accountId, String accountName) {
		String secret = newSecret();
		Timestamp now = Timestamp.from(this.clock.instant());
		String sealed = this.cipher.seal(secret);
		int updated = this.jdbc.sql("""
				UPDATE authenticator_app SET pending_sealed_secret = :secret, pending_since = :now
				WHERE account_id = :id
				""").param("secret", sealed).param("now", now).param("id", accountId).update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO authenticator_app (account_id, pending_sealed_secret, pending_since)
					VALUES (:id, :secret, :now)
					""").param("id", accountId).param("secret", sealed).param("now", now).update();
		}
		return enrolment(accountName, secret);
	}

	/** The enrolment waiting for its first code, if it has not expired, to show it again. */
	public Optional<TotpEnrolment> pending(long accountId, String accountName) {
		return this.jdbc.sql("""
				SELECT pending_sealed_secret FROM authenticator_app
				WHERE account_id = :id AND pending_sealed_secret IS NOT NULL AND pending_since > :oldest
				""")
			.param("id", accountId)
			.param("oldest", Timestamp.from(this.clock.instant().minus(this.settings.totpEnrolmentLifetime())))
			.query(String.class)
			.optional()
			.map(sealed -> enrolment(accountName, this.cipher.open(sealed)));
	}

	/** A new 160-bit secret from {@link SecureRandom}, in Base32 without padding. */
	String newSecret() {
		byte[] key = new byte[SECRET_BYTES];
		this.random.nextBytes(key);
		return new Base32().encodeAsString(key).replace("=", "");
	}

	TotpEnrolment enrolment(String accountName, String secret) {
		return new TotpEnrolment(secret, secret.replaceAll("(.{4})(?!$)", "$1 "), uri(accountName, secret));
	}

	/**
	 * Confirms the pending secret with a code from the app: it becomes the app in use (replacing an earlier
	 * one) and the code's time step counts as used.
	 * @return false when there is no pending secret, it expired, or the code does not match it
	 */
	@Transactional
	public boolean confirm(long accountId, String code) {
		Instant now = this.clock.instant();
		Optional<String> sealed = this.jdbc.sql("""
				SELECT pending_sealed_secret FROM authenticator_app
				WHERE account_id = :id AND pending_sealed_secret IS NOT NULL AND pending_since > :oldest
				""")
			.param("id", accountId)
			.param("oldest", Timestamp.from(now.minus(this.settings.totpEnrolmentLifetime())))
			.query(String.class)
			.optional();
		OptionalLong step = sealed.map(this.cipher::open).map(secret -> matchingStep(secret, code))
			.orElse(OptionalLong.empty());
		if (step.isEmpty()) {
			return false;
		}
		// only the very secret that was checked is promoted, even if another enrolment started meanwhile
		return this.jdbc.sql("""
				UPDATE authenticator_app SET sealed_secret = pending_sealed_secret, confirmed_at = :now,
					last_used_step = :step, pending_sealed_secret = NULL, pending_since = NULL
				WHERE account_id = :id AND pending_sealed_secret = :sealed
				""")
			.param("now", Timestamp.from(now))
			.param("step", step.getAsLong())
			.param("id", accountId)
			.param("sealed", sealed.get())
			.update() == 1;
	}

	/**
	 * Checks a code from the account's app; an accepted code's time step is spent. No transaction: the step is
	 * spent by one conditional update, of the very secret that was checked, which two checks of one code cannot
	 * both make (the second finds the step spent), nor a check whose app was replaced meanwhile.
	 */
	public TotpCheck verify(long accountId, String code) {
		Optional<String> sealed = this.jdbc.sql("""
				SELECT sealed_secret FROM authenticator_app WHERE account_id = :id AND sealed_secret IS NOT NULL
				""").param("id", accountId).query(String.class).optional();
		if (sealed.isEmpty()) {
			return TotpCheck.NOT_ENROLLED;
		}
		OptionalLong step = matchingStep(this.cipher.open(sealed.get()), code);
		if (step.isEmpty()) {
			return TotpCheck.WRONG;
		}
		int spent = this.jdbc.sql("""
				UPDATE authenticator_app SET last_used_step = :step
				WHERE account_id = :id AND sealed_secret = :sealed
				AND (last_used_step IS NULL OR last_used_step < :step)
				""").param("step", step.getAsLong()).param("id", accountId).param("sealed", sealed.get()).update();
		return (spent == 1) ? TotpCheck.ACCEPTED : TotpCheck.REPLAYED;
	}

	/** Forgets the account's app in use; the next one is enrolled from the start. */
	public boolean remove(long accountId) {
		return this.jdbc.sql("DELETE FROM authenticator_app WHERE account_id = :id AND sealed_secret IS NOT NULL")
			.param("id", accountId)
			.update() == 1;
	}

	/** Whether the account has an app in use. */
	public boolean isEnrolled(long accountId) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id AND sealed_secret IS NOT NULL
				""").param("id", accountId).query(Long.class).single() > 0;
	}

	/** The first time step within one of now whose code is {@code code}, compared in constant time. */
	OptionalLong matchingStep(String secret, String code) {
		if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		byte[] key = new Base32().decode(secret);
		long now = OneTimePasswords.timeStep(this.clock.instant().getEpochSecond(), PERIOD_SECONDS);
		OptionalLong found = OptionalLong.empty();
		for (long step = now - 1; step <= now + 1; step++) {
			boolean equal = MessageDigest.isEqual(
					OneTimePasswords.hotp(key, step, DIGITS, ALGORITHM).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII));
			if (equal && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}

	/** Key Uri Format: issuer prefix and parameter equal, no colon in either part, defaults spelt out. */
	private String uri(String accountName, String secret) {
		String issuer = this.settings.totpIssuer().replace(":", "");
		String label = encode(issuer) + ":" + encode(accountName.replace(":", ""));
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
