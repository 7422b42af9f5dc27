package org.latchkey.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.latchkey.secret.SecretCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authenticator apps (TOTP) of an application's own users, whom the application names ({@code userRef}) and
 * Latchkey does not otherwise know: the same secrets, codes, time window and single use as
 * {@link AuthenticatorApps}, whose rules these are, stored apart ({@code api_totp_factor}) per application.
 * A factor works once confirmed with a first code; each accepted code's time step is spent with one conditional
 * UPDATE, so a code works once, on every node. As the sign-in counts wrong codes against the account, each check
 * here claims a try first: {@value #TRIES} tries in a row without an accepted code lock the factor for
 * {@link #LOCK}, claimed under the row's lock, so concurrent guesses get no more tries than sequential ones.
 */
@Service
public class ApplicationAuthenticators {

	/** What confirming a factor with its first code gave. */
	public enum Confirmation {
		CONFIRMED, WRONG, NOT_FOUND, ALREADY_CONFIRMED
	}

	/** How many checks in a row may fail before the factor is locked. */
	static final int TRIES = 5;

	/** How long a factor stays locked after {@value #TRIES} failed checks in a row. */
	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final AuthenticatorApps apps;

	private final SecretCipher cipher;

	private final Clock clock;

	ApplicationAuthenticators(JdbcClient jdbc, AuthenticatorApps apps, SecretCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.apps = apps;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Creates a factor waiting for its first code, replacing one that was never confirmed.
	 * @param label what the app shows under the issuer
	 * @return the secret and its {@code otpauth://} URI, or empty when the user has a confirmed factor already
	 */
	@Transactional
	public Optional<TotpEnrolment> create(String applicationId, String userRef, String label) {
		String secret = this.apps.newSecret();
		String sealed = this.cipher.seal(secret);
		Timestamp now = Timestamp.from(this.clock.instant());
		int replaced = this.jdbc.sql("""
				UPDATE api_totp_factor SET sealed_secret = :secret, created_at = :now, last_used_step = NULL
				WHERE application_id = :app AND user_ref = :user AND confirmed_at IS NULL
				""").param("secret", sealed).param("now", now).param("app", applicationId).param("user", userRef).update();
		if (replaced == 0) {
			if (exists(applicationId, userRef)) {
				return Optional.empty();
			}
			this.jdbc.sql("""
					INSERT INTO api_totp_factor (application_id, user_ref, sealed_secret, created_at)
					VALUES (:app, :user, :secret, :now)
					""").param("app", applicationId).param("user", userRef).param("secret", sealed).param("now", now)
				.update();
		}
		return Optional.of(this.apps.enrolment(label, secret));
	}

	/** Confirms a waiting factor with a code from the app; the code's time step counts as used. */
	@Transactional
	public Confirmation confirm(String applicationId, String userRef, String code) {
		Optional<Stored> stored = find(applicationId, userRef);
		if (stored.isEmpty()) {
			return Confirmation.NOT_FOUND;
		}
		if (stored.get().confirmed()) {
			return Confirmation.ALREADY_CONFIRMED;
		}
		OptionalLong step = this.apps.matchingStep(this.cipher.open(stored.get().sealedSecret()), code);
		if (step.isEmpty()) {
			return Confirmation.WRONG;
		}
		int confirmed = this.jdbc.sql("""
				UPDATE api_totp_factor SET confirmed_at = :now, last_used_step = :step
				WHERE id = :id AND sealed_secret = :sealed AND confirmed_at IS NULL
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("step", step.getAsLong())
			.param("id", stored.get().id())
			.param("sealed", stored.get().sealedSecret())
			.update();
		return (confirmed == 1) ? Confirmation.CONFIRMED : Confirmation.WRONG;
	}

	/** Checks a code of a confirmed factor; an accepted code's time step is spent. */
	@Transactional
	public TotpCheck check(String applicationId, String userRef, String code) {
		Optional<Stored> stored = find(applicationId, userRef).filter(Stored::confirmed);
		if (stored.isEmpty()) {
			return TotpCheck.NOT_ENROLLED;
		}
		if (!claimTry(stored.get().id())) {
			return TotpCheck.LOCKED;
		}
		OptionalLong step = this.apps.matchingStep(this.cipher.open(stored.get().sealedSecret()), code);
		if (step.isEmpty()) {
			return TotpCheck.WRONG;
		}
		int spent = this.jdbc.sql("""
				UPDATE api_totp_factor SET last_used_step = :step, failed_checks = 0
				WHERE id = :id AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)
				""").param("step", step.getAsLong()).param("id", stored.get().id()).update();
		return (spent == 1) ? TotpCheck.ACCEPTED : TotpCheck.REPLAYED;
	}

	/**
	 * Counts a try as failed until its code is accepted; false while the factor is locked. The try that reaches
	 * {@value #TRIES} sets the lock; the first try after a lock ended starts the count again.
	 */
	private boolean claimTry(long id) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				UPDATE api_totp_factor
				SET failed_checks = CASE WHEN locked_until IS NULL THEN failed_checks + 1 ELSE 1 END,
					locked_until = CASE WHEN locked_until IS NULL AND failed_checks + 1 >= :tries
						THEN CAST(:until AS TIMESTAMP WITH TIME ZONE) END
				WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)
				""")
			.param("tries", TRIES)
			.param("until", Timestamp.from(now.plus(LOCK)))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	/** Forgets the user's factor, confirmed or not. */
	public boolean delete(String applicationId, String userRef) {
		return this.jdbc.sql("DELETE FROM api_totp_factor WHERE application_id = :app AND user_ref = :user")
			.param("app", applicationId)
			.param("user", userRef)
			.update() == 1;
	}

	/** Whether the user has a factor, confirmed or waiting. */
	public boolean exists(String applicationId, String userRef) {
		return find(applicationId, userRef).isPresent();
	}

	private Optional<Stored> find(String applicationId, String userRef) {
		return this.jdbc.sql("""
				SELECT id, sealed_secret, confirmed_at FROM api_totp_factor
				WHERE application_id = :app AND user_ref = :user
				""")
			.param("app", applicationId)
			.param("user", userRef)
			.query((rs, row) -> new Stored(rs.getLong("id"), rs.getString("sealed_secret"),
					rs.getTimestamp("confirmed_at") != null))
			.optional();
	}

	private record Stored(long id, String sealedSecret, boolean confirmed) {
	}

}
