package org.latchkey.signin;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Credentials;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.Passkey;
import org.latchkey.factor.PasskeyCheck;
import org.latchkey.factor.Passkeys;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.policy.SecondFactorKind;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * A passkey at sign-in: as the second step after the password (or a step-up), and, while the administrator
 * allows it, on its own from the sign-in page, where its authenticator must have verified the user (two
 * factors in one: the passkey held, and a PIN or biometrics). Every refusal counts towards the account's lock
 * like a wrong code; a signature counter that went backwards is audited as a possible clone.
 */
@Service
public class PasskeySteps {

	private final Passkeys passkeys;

	private final SecondStep secondStep;

	private final AllowedSecondFactors methods;

	private final SignInThrottle throttle;

	private final AccountManagement accounts;

	private final SignInCompletion completion;

	private final AuditLog audit;

	PasskeySteps(Passkeys passkeys, SecondStep secondStep, AllowedSecondFactors methods, SignInThrottle throttle,
			AccountManagement accounts, SignInCompletion completion, AuditLog audit) {
		this.passkeys = passkeys;
		this.secondStep = secondStep;
		this.methods = methods;
		this.throttle = throttle;
		this.accounts = accounts;
		this.completion = completion;
		this.audit = audit;
	}

	/** The options for the browser's {@code navigator.credentials.get} at the second step: the user's passkeys. */
	public Map<String, Object> secondStepOptions(SignInPrincipal principal, byte[] challenge) {
		return this.passkeys.requestOptions(principal.accountId(), challenge);
	}

	/**
	 * Checks the passkey presented at the second step: one of the user's, while passkeys are a method they may
	 * use. A refusal counts as a failed second step.
	 * @param issuedAt when the challenge was given to the browser
	 */
	public PasskeyCheck checkSecondStep(SignInPrincipal principal, SignInAttempt attempt, byte[] challenge,
			Instant issuedAt, String credential) {
		if (!this.secondStep.methods(principal).canUse(SecondFactorKind.PASSKEY)) {
			PasskeyCheck refused = new PasskeyCheck(PasskeyCheck.Result.UNKNOWN, principal.accountId(), null, false,
					false);
			failed(principal.accountId(), principal.getUsername(), attempt, refused);
			return refused;
		}
		PasskeyCheck check = this.passkeys.verify(principal.accountId(), challenge, issuedAt, credential, false);
		if (!check.accepted()) {
			failed(principal.accountId(), principal.getUsername(), attempt, check);
		}
		return check;
	}

	/**
	 * Whether the person signing in may register a passkey as their first method: they have no method at all
	 * (enrolled, allowed or not), and passkeys are allowed. As for a first 2FA email, the password is the proof.
	 */
	public boolean mayEnrolAtSignIn(SignInPrincipal principal) {
		UserMethods methods = this.secondStep.methods(principal);
		return methods.enrolled().isEmpty() && methods.allows(SecondFactorKind.PASSKEY);
	}

	/** The options to create a first passkey at sign-in. */
	public Map<String, Object> enrolmentOptions(SignInPrincipal principal, byte[] challenge) {
		Account account = this.accounts.findById(principal.accountId()).orElseThrow();
		return this.passkeys.creationOptions(account.id(), account.login(), account.displayName(), challenge);
	}

	/**
	 * Registers a first passkey at sign-in; audited. The sign-in then completes with it.
	 * @throws org.latchkey.account.InvalidAccountException on {@code step} when the person may not enrol one
	 * here, on {@code name} or {@code credential} when they cannot be used
	 */
	public Passkey enrolAtSignIn(SignInPrincipal principal, String name, byte[] challenge, Instant issuedAt,
			String credential) {
		if (!mayEnrolAtSignIn(principal)) {
			throw new InvalidAccountException("step", "passkeys.not-allowed");
		}
		Passkey added = this.passkeys.register(principal.accountId(), name, challenge, issuedAt, credential);
		this.audit.record(SignInEvent.PASSKEY_ENROLLED, AuditOutcome.SUCCESS, principal.accountId(),
				principal.getUsername(), "\"" + added.name() + "\"");
		return added;
	}

	/** Whether the sign-in page offers "Sign in with a passkey". */
	public boolean withoutPasswordOpen() {
		return this.methods.passkeySignInWithoutPassword();
	}

	/** The options for a sign-in without a password: no credential listed, the browser offers its passkeys. */
	public Map<String, Object> withoutPasswordOptions(byte[] challenge) {
		return this.passkeys.requestOptions(null, challenge);
	}

	/**
	 * Signs in with a passkey alone. The passkey must name an active account, with no lock standing for this
	 * browser, and its authenticator must have verified the user.
	 * @return the signed-in authentication; empty when refused (the reason is audited, and counted against
	 * the account when the passkey named one)
	 */
	public Optional<Authentication> signInWithoutPassword(SignInAttempt attempt, byte[] challenge, Instant issuedAt,
			String credential) {
		if (!withoutPasswordOpen()) {
			return Optional.empty();
		}
		PasskeyCheck check = this.passkeys.verify(null, challenge, issuedAt, credential, true);
		Optional<Account> account = Optional.ofNullable(check.accountId()).flatMap(this.accounts::findById);
		if (account.isEmpty()) {
			this.audit.record(SignInEvent.SIGN_IN, AuditOutcome.FAILURE, null, null, "passkey not known here");
			return Optional.empty();
		}
		Account owner = account.get();
		if (!check.accepted()) {
			failed(owner.id(), owner.login(), attempt, check);
			return Optional.empty();
		}
		if (owner.status() != AccountStatus.ACTIVE || this.throttle.lockOf(owner.id(), attempt).isPresent()
				|| !this.methods.of(owner.id()).canUse(SecondFactorKind.PASSKEY)) {
			this.audit.record(SignInEvent.SIGN_IN, AuditOutcome.FAILURE, owner.id(), owner.login(),
					"passkey: account not active, locked, or passkeys not allowed");
			return Optional.empty();
		}
		Credentials credentials = this.accounts.findCredentials(owner.login()).orElseThrow();
		SignInPrincipal principal = new SignInPrincipal(credentials, false, false);
		principal.eraseCredentials();
		return Optional.of(this.completion.withPasskeyAlone(principal, check.synced()));
	}

	private void failed(long accountId, String login, SignInAttempt attempt, PasskeyCheck check) {
		if (check.result() == PasskeyCheck.Result.CLONED) {
			this.audit.record(SignInEvent.PASSKEY_CLONED, AuditOutcome.FAILURE, accountId, login,
					"passkey \"" + check.passkeyName() + "\": signature counter did not grow");
		}
		this.throttle.secondFactorFailed(accountId, login, attempt,
				"passkey " + check.result().name().toLowerCase(Locale.ROOT), false);
	}

}
