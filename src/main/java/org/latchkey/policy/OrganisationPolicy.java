package org.latchkey.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the organisation's policy. Every change is audited and published as an event. */
@Service
public class OrganisationPolicy {

	static final int MAX_PASSWORD_MIN_LENGTH_WITH_TWO_FACTOR = 15;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final StoredPolicy stored;

	OrganisationPolicy(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			StoredPolicy stored) {
		this.stored = stored;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** The policy as it stands, kept in memory until an administrator changes it on any node. */
	public Policy current() {
		return this.stored.current().policy();
	}

	/**
	 * Sets the two-factor mode. The row is locked while it changes, so two administrators switching at once
	 * produce one change each, in order, each seeing the mode the other left.
	 * @return false when the mode already was {@code mode}
	 */
	@Transactional
	public boolean changeTwoFactorMode(TwoFactorMode mode) {
		TwoFactorMode before = this.jdbc.sql("SELECT two_factor_mode FROM organisation_policy WHERE id = 1 FOR UPDATE")
			.query((rs, row) -> TwoFactorMode.valueOf(rs.getString(1)))
			.single();
		if (before == mode) {
			return false;
		}
		this.jdbc.sql("UPDATE organisation_policy SET two_factor_mode = :mode, updated_at = :now WHERE id = 1")
			.param("mode", mode.name())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.stored.changed();
		this.audit.record(PolicyAuditEvent.TWO_FACTOR_MODE_CHANGED, AuditOutcome.SUCCESS, null, null, before + " -> " + mode);
		this.events.publishEvent(new TwoFactorModeChanged(before, mode));
		return true;
	}

	/**
	 * Sets the shortest password accepted while 2FA is required.
	 * @throws IllegalArgumentException when {@code length} is below 8 or above 15, the floor for a password
	 * used alone (a longer minimum is the configured default's business)
	 */
	@Transactional
	public void changePasswordMinLengthWithTwoFactor(int length) {
		if (length < Policy.LOWEST_PASSWORD_MIN_LENGTH || length > MAX_PASSWORD_MIN_LENGTH_WITH_TWO_FACTOR) {
			throw new IllegalArgumentException("The minimum length must be between 8 and 15");
		}
		int before = current().passwordMinLengthWithTwoFactor();
		this.jdbc.sql("""
				UPDATE organisation_policy SET password_min_length_with_two_factor = :length, updated_at = :now
				WHERE id = 1
				""").param("length", length).param("now", Timestamp.from(this.clock.instant())).update();
		this.stored.changed();
		this.audit.record(PolicyAuditEvent.PASSWORD_MIN_LENGTH_CHANGED, AuditOutcome.SUCCESS, null, null, before + " -> " + length);
	}

	/**
	 * Sets the methods users may enrol and sign in with. The row is locked while it changes, as for the mode.
	 * @param smsProviderConfigured whether SMS can be delivered now: SMS codes are allowed only then
	 * @return false when the methods already were {@code methods}
	 * @throws IllegalArgumentException when {@code methods} is empty, or has SMS codes while no provider is
	 * configured
	 */
	@Transactional
	public boolean changeAllowedMethods(Set<SecondFactorKind> methods, boolean smsProviderConfigured) {
		if (methods.isEmpty()) {
			throw new IllegalArgumentException("At least one method must be allowed");
		}
		if (methods.contains(SecondFactorKind.SMS_CODE) && !smsProviderConfigured) {
			throw new IllegalArgumentException("SMS codes need an SMS provider");
		}
		Set<SecondFactorKind> before = this.jdbc
			.sql("SELECT allowed_methods FROM organisation_policy WHERE id = 1 FOR UPDATE")
			.query((rs, row) -> methods(rs.getString(1)))
			.single();
		Set<SecondFactorKind> after = EnumSet.copyOf(methods);
		if (before.equals(after)) {
			return false;
		}
		this.jdbc.sql("UPDATE organisation_policy SET allowed_methods = :methods, updated_at = :now WHERE id = 1")
			.param("methods", stored(after))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.stored.changed();
		this.audit.record(PolicyAuditEvent.ALLOWED_METHODS_CHANGED, AuditOutcome.SUCCESS, null, null,
				stored(before) + " -> " + stored(after));
		return true;
	}

	/** The passkey switches as they stand. */
	public PasskeyPolicy passkeys() {
		return this.stored.current().passkeys();
	}

	/**
	 * Sets the passkey switches, the row locked while they change.
	 * @return false when they already were {@code after}
	 */
	@Transactional
	public boolean changePasskeys(PasskeyPolicy after) {
		PasskeyPolicy before = this.jdbc.sql("""
				SELECT passkey_sign_in_without_password, administrators_need_phishing_resistant
				FROM organisation_policy WHERE id = 1 FOR UPDATE
				""")
			.query((rs, row) -> new PasskeyPolicy(rs.getBoolean(1), rs.getBoolean(2)))
			.single();
		if (before.equals(after)) {
			return false;
		}
		this.jdbc.sql("""
				UPDATE organisation_policy SET passkey_sign_in_without_password = :withoutPassword,
					administrators_need_phishing_resistant = :administrators, updated_at = :now
				WHERE id = 1
				""")
			.param("withoutPassword", after.signInWithoutPassword())
			.param("administrators", after.administratorsNeedPasskey())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.stored.changed();
		this.audit.record(PolicyAuditEvent.PASSKEY_POLICY_CHANGED, AuditOutcome.SUCCESS, null, null,
				"sign-in without password " + before.signInWithoutPassword() + " -> " + after.signInWithoutPassword()
						+ ", administrators need a passkey " + before.administratorsNeedPasskey() + " -> "
						+ after.administratorsNeedPasskey());
		return true;
	}

	private static String stored(Set<SecondFactorKind> methods) {
		return methods.stream().map(SecondFactorKind::name).collect(Collectors.joining(","));
	}

	static Set<SecondFactorKind> methods(String stored) {
		return Arrays.stream(stored.split(","))
			.filter(name -> !name.isBlank())
			.map(SecondFactorKind::valueOf)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(SecondFactorKind.class)));
	}

}
