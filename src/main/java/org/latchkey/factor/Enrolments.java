package org.latchkey.factor;

import java.util.EnumSet;
import java.util.Set;

import org.latchkey.account.AccountManagement;
import org.latchkey.policy.SecondFactorKind;

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

	Enrolments(EmailFactors emailFactors, AuthenticatorApps apps, PhoneNumbers phones, AccountManagement accounts,
			Passkeys passkeys) {
		this.passkeys = passkeys;
		this.emailFactors = emailFactors;
		this.apps = apps;
		this.phones = phones;
		this.accounts = accounts;
	}

	public Set<SecondFactorKind> of(long accountId) {
		Set<SecondFactorKind> methods = EnumSet.noneOf(SecondFactorKind.class);
		if (this.emailFactors.addressOf(accountId).isPresent()) {
			methods.add(SecondFactorKind.EMAIL_CODE);
		}
		if (this.apps.isEnrolled(accountId)) {
			methods.add(SecondFactorKind.AUTHENTICATOR_APP);
		}
		if (this.phones.receivesCodes(accountId)) {
			methods.add(SecondFactorKind.SMS_CODE);
		}
		if (this.passkeys.hasAny(accountId)) {
			methods.add(SecondFactorKind.PASSKEY);
		}
		return methods;
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
