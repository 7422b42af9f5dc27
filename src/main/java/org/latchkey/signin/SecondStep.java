package org.latchkey.signin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountRules;
import org.latchkey.audit.AuditLog;
import org.latchkey.delivery.Email;
import org.latchkey.delivery.Outbox;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.factor.PendingCode;
import org.latchkey.factor.TotpCheck;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Step 2 of the sign-in with an email code: choosing and proving a 2FA email when the user has none, sending
 * codes, and checking them. Completing the sign-in once a code is accepted is {@link SignInCompletion}'s job.
 */
@Service
public class SecondStep {

	private final OneTimeCodes codes;

	private final EmailFactors emailFactors;

	private final AccountManagement accounts;

	private final Outbox outbox;

	private final AuditLog audit;

	private final AuthenticatorApps apps;

	private final SignInThrottle throttle;

	SecondStep(OneTimeCodes codes, EmailFactors emailFactors, AccountManagement accounts, Outbox outbox,
			AuditLog audit, AuthenticatorApps apps, SignInThrottle throttle) {
		this.apps = apps;
		this.throttle = throttle;
		this.codes = codes;
		this.emailFactors = emailFactors;
		this.accounts = accounts;
		this.outbox = outbox;
		this.audit = audit;
	}

	public VerifyState state(SignInPrincipal principal, String binding) {
		Optional<String> address = this.emailFactors.addressOf(principal.accountId());
		Optional<PendingCode> pending = this.codes.pending(principal.accountId(), CodePurpose.SIGN_IN, binding);
		boolean needsEmail = address.isEmpty() && pending.isEmpty() && !this.apps.isEnrolled(principal.accountId());
		return new VerifyState(needsEmail, account(principal).businessEmail(),
				pending.map(PendingCode::destination).or(() -> address).map(Masks::email).orElse(null),
				pending.map(PendingCode::expiresAt).orElse(null),
				pending.map(code -> this.outbox.isDelayed(code.outboxMessageId())).orElse(false));
	}

	/** Whether the user already has a 2FA email, so that a code can go there at once. */
	public boolean hasEmail(SignInPrincipal principal) {
		return this.emailFactors.addressOf(principal.accountId()).isPresent();
	}

	/** Whether the user has an authenticator app, which is then asked first. */
	public boolean hasAuthenticator(SignInPrincipal principal) {
		return this.apps.isEnrolled(principal.accountId());
	}

	/** Checks a code from the user's authenticator app; an accepted code is spent. */
	public TotpCheck checkAuthenticator(SignInPrincipal principal, String code) {
		TotpCheck check = this.apps.verify(principal.accountId(), StepUpCodes.normalise(code));
		if (check != TotpCheck.ACCEPTED) {
			this.throttle.secondFactorFailed(principal, "authenticator code " + check.name().toLowerCase(Locale.ROOT),
					check == TotpCheck.REPLAYED);
		}
		return check;
	}

	/**
	 * Sends a sign-in code to the user's 2FA email or, while they have none, to the address they proposed and
	 * are proving (its code has not come back yet). Check {@link VerifyState#needsEmail()} first: with neither,
	 * there is nowhere to send to.
	 */
	public CodeSent sendCode(SignInPrincipal principal, String binding, Locale locale) {
		String address = this.emailFactors.addressOf(principal.accountId())
			.or(() -> this.codes.pending(principal.accountId(), CodePurpose.SIGN_IN, binding)
				.map(PendingCode::destination))
			.orElseThrow(() -> new IllegalStateException("No 2FA email to send to"));
		return this.codes.sendByEmail(principal.accountId(), CodePurpose.SIGN_IN, binding, address, locale);
	}

	/**
	 * Sends a sign-in code to an address the user proposes as their 2FA email; it becomes theirs when the
	 * code comes back. Refused while they already have one (an administrator resets it).
	 * @throws org.latchkey.account.InvalidAccountException when the address is not valid
	 */
	public CodeSent proposeEmail(SignInPrincipal principal, String binding, String address, Locale locale) {
		if (this.emailFactors.addressOf(principal.accountId()).isPresent()) {
			throw new IllegalStateException("The 2FA email is already set");
		}
		String checked = AccountRules.email("email", address);
		return this.codes.sendByEmail(principal.accountId(), CodePurpose.SIGN_IN, binding, checked, locale);
	}

	/**
	 * Checks a sign-in code. When it is accepted and it proved a newly chosen address, that address becomes
	 * the 2FA email and the business email is told.
	 */
	@Transactional
	public CodeCheck check(SignInPrincipal principal, String binding, String code, Locale locale) {
		CodeCheck check = this.codes.check(principal.accountId(), CodePurpose.SIGN_IN, binding,
				StepUpCodes.normalise(code));
		if (!check.accepted()) {
			this.throttle.secondFactorFailed(principal, "email code " + check.result().name().toLowerCase(Locale.ROOT),
					check.result() == CodeCheck.Result.USED);
			return check;
		}
		Optional<String> current = this.emailFactors.addressOf(principal.accountId());
		if (current.isEmpty()) {
			this.emailFactors.set(principal.accountId(), check.destination());
			Account account = account(principal);
			this.outbox.enqueue(new Email(account.businessEmail(), "two-factor-email-set", locale,
					Map.of("name", account.displayName(), "address", Masks.email(check.destination()))));
			this.audit.success("TWO_FACTOR_EMAIL_SET", principal.accountId(), principal.getUsername());
		}
		return check;
	}

	private Account account(SignInPrincipal principal) {
		return this.accounts.findById(principal.accountId()).orElseThrow();
	}

}
