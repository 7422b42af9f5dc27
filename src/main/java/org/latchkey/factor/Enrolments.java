package org.latchkey.factor;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.AccountManagement;
import org.latchkey.policy.SecondFactorKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which second factors each user has, whatever the policy allows now: a 2FA email, an authenticator app, a
 * phone number that receives codes. Removing one locks the account's row first, so that two removals at once
 * are decided one after the other, each seeing what the other left.
 */
@Component
public class Enrolments {

	private final EmailFactors emailFactors;

	private final AuthenticatorApps apps;

	private final PhoneNumbers phones;

	private final AccountManagement accounts;

	private final Passkeys passkeys;

	private final JdbcClient jdbc;

	Enrolments(EmailFactors emailFactors, AuthenticatorApps apps, PhoneNumbers phones, AccountManagement accounts,
			Passkeys passkeys, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.passkeys = passkeys;
		this.emailFactors = emailFactors;
		this.apps = apps;
		this.phones = phones;
		this.accounts = accounts;
	}

	/** The account's methods, whatever the policy allows now. */
	public Set<SecondFactorKind> of(long accountId) {
		return withChoice(accountId).methods();
	}

	/**
	 * The account's methods and the one it chose to be asked first, read in one statement, since every step of a
	 * sign-in asks for both.
	 */
	public Enrolled withChoice(long accountId) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM email_factor e WHERE e.account_id = a.id) AS email,
					EXISTS (SELECT 1 FROM authenticator_app t WHERE t.account_id = a.id AND t.sealed_secret IS NOT NULL)
						AS app,
					EXISTS (SELECT 1 FROM phone_number p WHERE p.account_id = a.id AND p.sms_since IS NOT NULL) AS sms,
					EXISTS (SELECT 1 FROM passkey k WHERE k.account_id = a.id) AS passkey,
					(SELECT d.method FROM default_method d WHERE d.account_id = a.id) AS chosen
				FROM account a WHERE a.id = :id
				""").param("id", accountId).query((rs, row) -> {
					Set<SecondFactorKind> methods = EnumSet.noneOf(SecondFactorKind.class);
					add(methods, rs.getBoolean("email"), SecondFactorKind.EMAIL_CODE);
					add(methods, rs.getBoolean("app"), SecondFactorKind.AUTHENTICATOR_APP);
					add(methods, rs.getBoolean("sms"), SecondFactorKind.SMS_CODE);
					add(methods, rs.getBoolean("passkey"), SecondFactorKind.PASSKEY);
					String chosen = rs.getString("chosen");
					return new Enrolled(methods, (chosen != null) ? SecondFactorKind.valueOf(chosen) : null);
				}).optional().orElse(new Enrolled(Set.of(), null));
	}

	private static void add(Set<SecondFactorKind> methods, boolean has, SecondFactorKind method) {
		if (has) {
			methods.add(method);
		}
	}

	/**
	 * A user's methods and their choice.
	 *
	 * @param methods a 2FA email, an authenticator app in use (its secret confirmed), a phone number that
	 * receives codes, a passkey
	 * @param chosen the method the user chose to be asked first ({@link DefaultMethods}); null for none
	 */
	public record Enrolled(Set<SecondFactorKind> methods, @Nullable SecondFactorKind chosen) {

		public Enrolled {
			methods = Set.copyOf(methods);
		}

	}

	/**
	 * Locks the account's row until the transaction ends and returns its methods as they stand, for a caller
	 * that decides on them and then changes them in the same transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<SecondFactorKind> lock(long accountId) {
		this.accounts.lock(accountId);
		return of(accountId);
	}

	/**
	 * Removes one of the account's methods.
	 * @return false when the account did not have it
	 */
	@Transactional
	public boolean remove(long accountId, SecondFactorKind method) {
		return switch (method) {
			case EMAIL_CODE -> this.emailFactors.clear(accountId);
			case AUTHENTICATOR_APP -> this.apps.remove(accountId);
			case SMS_CODE -> this.phones.stopCodes(accountId);
			case PASSKEY -> this.passkeys.removeAll(accountId);
		};
	}

}
