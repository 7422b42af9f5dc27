package org.latchkey.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountRules;
import org.latchkey.audit.AuditLog;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.factor.PendingCode;
import org.latchkey.factor.PhoneNumbers;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.factor.TotpCheck;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.outbox.Outbox;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.SignInOptions;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Step 2 of the sign-in: the code from an authenticator app, a code sent by email or by SMS, and the choice
 * and proof of a 2FA email for a user who has no method the policy allows. Only the allowed methods a user has
 * are offered and accepted. Completing the sign-in once a code is accepted is {@link SignInCompletion}'s job.
 */
@Service
public class SecondStep {

	private final OneTimeCodes codes;

	private final EmailFactors emailFactors;

	private final PhoneNumbers phones;

	private final AllowedSecondFactors methods;

	private final AccountManagement accounts;

	private final Outbox outbox;

	private final MailQueue mail;

	private final AuditLog audit;

	private final AuthenticatorApps apps;

	private final SignInThrottle throttle;

	private final SignInMeters meters;

	private final RecoveryCodes recoveryCodes;

	private final SignInOptions options;

	SecondStep(OneTimeCodes codes, EmailFactors emailFactors, PhoneNumbers phones, AllowedSecondFactors methods,
			AccountManagement accounts, Outbox outbox, MailQueue mail, AuditLog audit, AuthenticatorApps apps,
			SignInThrottle throttle, SignInMeters meters, RecoveryCodes recoveryCodes, SignInOptions options) {
		this.meters = meters;
		this.recoveryCodes = recoveryCodes;
		this.options = options;
		this.apps = apps;
		this.throttle = throttle;
		this.codes = codes;
		this.emailFactors = emailFactors;
		this.phones = phones;
		this.methods = methods;
		this.accounts = accounts;
		this.outbox = outbox;
		this.mail = mail;
		this.audit = audit;
	}

	/** The user's methods as the policy stands: which are offered, and which is asked first. */
	public UserMethods methods(SignInPrincipal principal) {
		return this.methods.forSignIn(principal.accountId(), principal.isAdministrator());
	}

	/**
	 * The methods offered beside {@code shown}, strongest first: those the user may use ({@code methods}, as
	 * {@link #methods} read them for this request), less a code channel whose sending limit is reached, which
	 * would only refuse.
	 */
	public List<SecondFactorKind> alternatives(SignInPrincipal principal, UserMethods methods,
			SecondFactorKind shown) {
		return methods.besides(shown)
			.stream()
			.filter(other -> other == SecondFactorKind.AUTHENTICATOR_APP || other == SecondFactorKind.PASSKEY
					|| !this.codes.limitReached(principal.accountId(), other))
			.toList();
	}

	/**
	 * What the email-code page shows. A user who can use no allowed method must first choose a 2FA email,
	 * while email codes are allowed and no code to a proposed address is waiting.
	 */
	public VerifyState state(SignInPrincipal principal, String binding) {
		Optional<String> address = this.emailFactors.addressOf(principal.accountId());
		Optional<PendingCode> pending = this.codes.pending(principal.accountId(), CodePurpose.SIGN_IN, binding);
		UserMethods methods = methods(principal);
		boolean needsEmail = !methods.any() && methods.allows(SecondFactorKind.EMAIL_CODE) && pending.isEmpty();
		return new VerifyState(needsEmail, account(principal).businessEmail(), codeState(pending,
				pending.map(PendingCode::destination).or(() -> address).map(Masks::email).orElse(null)));
	}

	/** What the SMS-code page shows: the number (masked) and the code waiting, if any. */
	public CodeState smsState(SignInPrincipal principal, String binding) {
		Optional<PendingCode> pending = this.codes.pending(principal.accountId(), CodePurpose.SMS_SIGN_IN, binding);
		String number = pending.map(PendingCode::destination)
			.or(() -> this.phones.of(principal.accountId()).map(PhoneNumbers.PhoneNumber::number))
			.orElse(null);
		return codeState(pending, Masks.phone(number));
	}

	private CodeState codeState(Optional<PendingCode> pending, String maskedAddress) {
		return new CodeState(maskedAddress, pending.map(PendingCode::expiresAt).orElse(null),
				pending.map(code -> this.outbox.isDelayed(code.outboxMessageId())).orElse(false),
				pending.map(code -> this.outbox.hasFailed(code.outboxMessageId())).orElse(false));
	}

	/**
	 * Why no sign-in code could be sent to this browser by email or SMS now, if that is so: the code page finds
	 * none waiting when the one due at the password (or at a step-up) was refused, and says why and until when.
	 */
	public Optional<CodeSent> sendRefusal(SignInPrincipal principal, String binding, SecondFactorKind channel) {
		return this.codes.refusal(principal.accountId(),
				(channel == SecondFactorKind.SMS_CODE) ? CodePurpose.SMS_SIGN_IN : CodePurpose.SIGN_IN, binding, channel);
	}

	/**
	 * Checks a code from the user's authenticator app, if apps are allowed; an accepted code is spent.
	 * @throws org.latchkey.account.InvalidAccountException on {@code code} when it is not six digits: no try is
	 * counted
	 */
	public TotpCheck checkAuthenticator(SignInPrincipal principal, SignInAttempt attempt, String code) {
		String digits = TypedCodes.digits(code);
		// the app's secret is read to check the code: a user without one is told so by that read
		TotpCheck check = this.methods.allowsForSignIn(SecondFactorKind.AUTHENTICATOR_APP, principal.isAdministrator())
				? this.apps.verify(principal.accountId(), digits) : TotpCheck.NOT_ENROLLED;
		if (check != TotpCheck.ACCEPTED) {
			failed(SecondFactorKind.AUTHENTICATOR_APP, principal, attempt,
					"authenticator code " + check.name().toLowerCase(Locale.ROOT),
					check == TotpCheck.REPLAYED);
		}
		return check;
	}

	/**
	 * Sends a sign-in code to the user's 2FA email or, while they have none, to the address they proposed and
	 * are proving (its code has not come back yet).
	 * @return empty when email codes are not allowed, or there is nowhere to send to
	 */
	public Optional<CodeSent> sendCode(SignInPrincipal principal, String binding, Locale locale) {
		if (!this.methods.allows(SecondFactorKind.EMAIL_CODE)) {
			return Optional.empty();
		}
		return this.emailFactors.addressOf(principal.accountId())
			.or(() -> this.codes.pending(principal.accountId(), CodePurpose.SIGN_IN, binding)
				.map(PendingCode::destination))
			.map(address -> this.codes.sendByEmail(principal.accountId(), CodePurpose.SIGN_IN, binding, address,
					locale));
	}

	/**
	 * Sends a sign-in code by SMS to the user's phone, when SMS codes are one of the methods they may use.
	 * @return empty when SMS is not one of the user's usable methods
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached
	 */
	public Optional<CodeSent> sendSms(SignInPrincipal principal, String binding, Locale locale) {
		if (!methods(principal).canUse(SecondFactorKind.SMS_CODE)) {
			return Optional.empty();
		}
		return this.phones.of(principal.accountId())
			.map(phone -> this.codes.sendBySms(principal.accountId(), CodePurpose.SMS_SIGN_IN, binding,
					phone.number(), locale));
	}

	/**
	 * Sends a sign-in code to an address the user proposes as their 2FA email; it becomes theirs when the
	 * code comes back. Refused while they already have one (an administrator resets it), or may use another
	 * method, or email codes are not allowed.
	 * @throws org.latchkey.account.InvalidAccountException when the address is not valid
	 */
	public CodeSent proposeEmail(SignInPrincipal principal, String binding, String address, Locale locale) {
		UserMethods methods = methods(principal);
		if (this.emailFactors.addressOf(principal.accountId()).isPresent() || methods.any()
				|| !methods.allows(SecondFactorKind.EMAIL_CODE)) {
			throw new IllegalStateException("No 2FA email to choose");
		}
		String checked = AccountRules.email("email", address);
		return this.codes.sendByEmail(principal.accountId(), CodePurpose.SIGN_IN, binding, checked, locale);
	}

	/**
	 * Checks an emailed sign-in code, while email codes are allowed. When it is accepted and it proved a newly
	 * chosen address, that address becomes the 2FA email and the business email is told.
	 * @throws org.latchkey.account.InvalidAccountException on {@code code} when it is not six digits: no try is
	 * counted
	 */
	@Transactional
	public CodeCheck check(SignInPrincipal principal, String binding, SignInAttempt attempt, String code,
			Locale locale) {
		String digits = TypedCodes.digits(code);
		CodeCheck check = this.methods.allows(SecondFactorKind.EMAIL_CODE)
				? this.codes.check(principal.accountId(), CodePurpose.SIGN_IN, binding, digits)
				: new CodeCheck(CodeCheck.Result.NONE, null, 0);
		if (!check.accepted()) {
			failed(SecondFactorKind.EMAIL_CODE, principal, attempt,
					"email code " + check.result().name().toLowerCase(Locale.ROOT),
					check.result() == CodeCheck.Result.USED);
			return check;
		}
		Optional<String> current = this.emailFactors.addressOf(principal.accountId());
		if (current.isEmpty()) {
			this.emailFactors.set(principal.accountId(), check.destination());
			Account account = account(principal);
			this.mail.enqueue(new Email(account.businessEmail(), "two-factor-email-set", locale,
					Map.of("name", account.displayName(), "address", Masks.email(check.destination()))));
			this.audit.success(SignInEvent.TWO_FACTOR_EMAIL_SET, principal.accountId(), principal.getUsername());
		}
		return check;
	}

	/**
	 * Checks a sign-in code sent by SMS, while SMS is one of the user's usable methods; failures are audited.
	 * @throws org.latchkey.account.InvalidAccountException on {@code code} when it is not six digits: no try is
	 * counted
	 */
	@Transactional
	public CodeCheck checkSms(SignInPrincipal principal, String binding, SignInAttempt attempt, String code) {
		String digits = TypedCodes.digits(code);
		CodeCheck check = methods(principal).canUse(SecondFactorKind.SMS_CODE)
				? this.codes.check(principal.accountId(), CodePurpose.SMS_SIGN_IN, binding, digits)
				: new CodeCheck(CodeCheck.Result.NONE, null, 0);
		if (!check.accepted()) {
			failed(SecondFactorKind.SMS_CODE, principal, attempt,
					"sms code " + check.result().name().toLowerCase(Locale.ROOT),
					check.result() == CodeCheck.Result.USED);
		}
		return check;
	}

	/** Whether step 2 offers "Use a recovery code": recovery codes are on and the user has one left. */
	public boolean offersRecoveryCode(SignInPrincipal principal) {
		return this.options.current().recoveryCodes() && this.recoveryCodes.remaining(principal.accountId()) > 0;
	}

	/**
	 * Checks a recovery code, while recovery codes are on; an accepted code is spent (once, on every node), the
	 * business email is told, and the sign-in is audited as recovered. A refused one counts as a failed second
	 * step, towards the lock.
	 */
	@Transactional
	public boolean checkRecoveryCode(SignInPrincipal principal, SignInAttempt attempt, String code, Locale locale) {
		boolean accepted = this.options.current().recoveryCodes()
				&& this.recoveryCodes.spend(principal.accountId(), code);
		if (!accepted) {
			this.throttle.secondFactorFailed(principal.accountId(), principal.getUsername(), attempt,
					"recovery code refused", false);
			return false;
		}
		int left = this.recoveryCodes.remaining(principal.accountId());
		Account account = account(principal);
		this.mail.enqueue(new Email(account.businessEmail(), "recovery-code-used", locale,
				Map.of("name", account.displayName(), "left", left)));
		this.audit.success(SignInEvent.RECOVERY_CODE_USED, principal.accountId(), principal.getUsername());
		return true;
	}

	private Account account(SignInPrincipal principal) {
		return this.accounts.findById(principal.accountId()).orElseThrow();
	}

	/** Counts a refused second factor for the metrics, then against the account and the client (lockout). */
	private void failed(SecondFactorKind method, SignInPrincipal principal, SignInAttempt attempt, String detail,
			boolean replay) {
		this.meters.secondFactorFailed(method.name().toLowerCase(Locale.ROOT));
		this.throttle.secondFactorFailed(principal.accountId(), principal.getUsername(), attempt, detail, replay);
	}

}
