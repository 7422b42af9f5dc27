package org.latchkey.policy;

import java.time.Instant;
import java.util.Collections;

import org.latchkey.system.SettingsCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one row of {@code organisation_policy}, read once and kept in memory ({@link SettingsCache}) for the
 * policy, the passkey switches and the sign-in options, since every sign-in reads them. Whatever changes the
 * row says so with {@link #changed()} in its transaction, and every node reads it again once that commits.
 */
@Component
class StoredPolicy {

	static final String TABLE = "organisation_policy";

	/** The row as it stands. */
	record Row(Policy policy, PasskeyPolicy passkeys, SignInOptions.Options options) {
	}

	private final JdbcClient jdbc;

	private final SettingsCache cache;

	StoredPolicy(JdbcClient jdbc, SettingsCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	Row current() {
		return this.cache.get(TABLE, this::read);
	}

	/** Notes that the current transaction changes the row. */
	void changed() {
		this.cache.changed(TABLE);
	}

	private Row read() {
		return this.jdbc.sql("""
				SELECT two_factor_mode, allowed_methods, password_min_length_with_two_factor,
					passkey_sign_in_without_password, administrators_need_phishing_resistant,
					recovery_codes_enabled, remember_device_days, enrolment_grace_days, enrolment_deadline
				FROM organisation_policy WHERE id = 1
				""").query((rs, row) -> {
					Instant deadline = (rs.getTimestamp("enrolment_deadline") != null)
							? rs.getTimestamp("enrolment_deadline").toInstant() : null;
					return new Row(
							new Policy(TwoFactorMode.valueOf(rs.getString("two_factor_mode")),
									// shared by every request while kept: read-only, in the enum's order
									Collections.unmodifiableSet(OrganisationPolicy.methods(rs.getString("allowed_methods"))),
									rs.getInt("password_min_length_with_two_factor")),
							new PasskeyPolicy(rs.getBoolean("passkey_sign_in_without_password"),
									rs.getBoolean("administrators_need_phishing_resistant")),
							new SignInOptions.Options(rs.getBoolean("recovery_codes_enabled"),
									rs.getInt("remember_device_days"), rs.getInt("enrolment_grace_days"), deadline));
				}).single();
	}

}
