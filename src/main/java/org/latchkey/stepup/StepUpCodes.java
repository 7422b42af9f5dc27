package org.latchkey.stepup;

import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditEvent;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.factor.PendingCode;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.outbox.Outbox;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.TypedCodes;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Component;

/**
 * The fresh code a signed-in user's sensitive action asks for (changing the password, the 2FA email, the phone
 * number or the second factors): sent by email or SMS for one purpose to one destination, bound to the asking
 * browser, checked once, each refusal audited under the action's event.
 */
@Component
public class StepUpCodes {

	private final OneTimeCodes codes;

	private final Outbox outbox;

	private final AuditLog audit;

	private final StepUpProofs proofs;

	StepUpCodes(OneTimeCodes codes, Outbox outbox, AuditLog audit, StepUpProofs proofs) {
		this.codes = codes;
		this.outbox = outbox;
		this.audit = audit;
		this.proofs = proofs;
	}

	public CodeSent send(long accountId, CodePurpose purpose, String binding, String address, Locale locale) {
		return this.codes.sendByEmail(accountId, purpose, binding, address, locale);
	}

	/**
	 * Sends the code by SMS to a number in E.164.
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached
	 */
	public CodeSent sendSms(long accountId, CodePurpose purpose, String binding, String number, Locale locale) {
		return this.codes.sendBySms(accountId, purpose, binding, number, locale);
	}

	/** Where this browser's live code for the purpose went, or where a new one would go when none is live. */
	public CodeState state(long accountId, CodePurpose purpose, String binding, String address) {
		Optional<PendingCode> pending = this.codes.pending(accountId, purpose, binding);
		return new CodeState(mask(pending.map(PendingCode::destination).orElse(address)),
				pending.map(PendingCode::expiresAt).orElse(null),
				pending.map(code -> this.outbox.isDelayed(code.outboxMessageId())).orElse(false),
				pending.map(code -> this.outbox.hasFailed(code.outboxMessageId())).orElse(false));
	}

	/**
	 * Checks a submitted code under the rule of {@link StepUpProofs}; a refusal is audited as a failure of
	 * {@code event} and counted with the sign-in's failures.
	 * @throws InvalidAccountException on the field {@code code} when it is not six digits (it cannot be right,
	 * so no try is counted) or while the account is locked for the attempt's browser
	 */
	public CodeCheck check(SignInPrincipal principal, CodePurpose purpose, String binding, SignInAttempt attempt,
			String code, AuditEvent event) {
		String digits = TypedCodes.digits(code);
		this.proofs.refuseWhileLocked(principal, attempt, "code");
		CodeCheck check = this.codes.check(principal.accountId(), purpose, binding, digits);
		if (!check.accepted()) {
			this.audit.record(event, AuditOutcome.FAILURE, principal.accountId(), principal.getUsername(),
					"code " + check.result().name().toLowerCase(Locale.ROOT));
			this.proofs.failed(principal, attempt);
		}
		return check;
	}

	/** Codes go to an email address or to a phone number in E.164, each masked its own way. */
	public static String mask(String destination) {
		return (destination == null || destination.contains("@")) ? Masks.email(destination) : Masks.phone(destination);
	}


}
