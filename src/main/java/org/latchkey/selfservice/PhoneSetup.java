package org.latchkey.selfservice;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.DefaultMethods;
import org.latchkey.factor.PhoneNumberRules;
import org.latchkey.factor.PhoneNumbers;
import org.latchkey.factor.PhoneNumbers.PhoneNumber;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.selfservice.internal.StepUpPermits;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.StepUpCodes;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * My account → phone number → Save, then "Configure 2FA" with SMS, as the seed describes it. The number is
 * read with libphonenumber and kept in E.164, only with an allowed country calling code. While SMS codes are
 * allowed, a code sent to the number must come back before it is saved; otherwise it is saved at once,
 * unconfirmed. Changing a number the user already has asks for a fresh code first ({@link MethodChange}).
 * A number confirmed by SMS is one of the user's methods at once: the sign-in offers it among the others.
 */
@Service
public class PhoneSetup {

	static final Duration LIFETIME = Duration.ofMinutes(20);

	private static final String PROGRESS = "latchkey.phoneChange";

	private static final SelfServiceEvent EVENT = SelfServiceEvent.PHONE_NUMBER_SAVED;

	private final PhoneNumbers phones;

	private final AllowedSecondFactors methods;

	private final StepUpCodes stepUp;

	private final StepUpPermits permits;

	private final DefaultMethods defaults;

	private final AuditLog audit;

	private final MethodNotices notices;

	private final Clock clock;

	PhoneSetup(PhoneNumbers phones, AllowedSecondFactors methods, StepUpCodes stepUp, StepUpPermits permits,
			DefaultMethods defaults, AuditLog audit, MethodNotices notices, Clock clock) {
		this.notices = notices;
		this.phones = phones;
		this.methods = methods;
		this.stepUp = stepUp;
		this.permits = permits;
		this.defaults = defaults;
		this.audit = audit;
		this.clock = clock;
	}

	/** A number waiting for the SMS code that confirms it. */
	record Progress(long accountId, String number, Instant expiresAt) implements Serializable {
	}

	public Optional<PhoneNumber> current(SignInPrincipal principal) {
		return this.phones.of(principal.accountId());
	}

	/** Whether a new number is confirmed with an SMS code: while SMS codes are allowed. */
	public boolean confirmsBySms() {
		return this.methods.allows(SecondFactorKind.SMS_CODE);
	}

	/**
	 * Whether the user may save a number now: when they have no method to prove it is them with, or hold the
	 * permit a fresh code gave them. A first number asks for it too: once confirmed it can become a method.
	 */
	public boolean mayChange(SignInPrincipal principal, BrowserSession browser) {
		return !this.methods.of(principal.accountId()).any()
				|| this.permits.holds(browser, principal.accountId(), MethodChange.Action.CHANGE_PHONE);
	}

	/**
	 * Reads the number typed and saves it, or sends the code that confirms it while SMS codes are allowed.
	 * @param region the country a number typed without "+" is read in
	 * @return the code sent, or empty when the number was saved at once
	 * @throws InvalidAccountException on {@code phone} when the number is not valid or of a country not allowed,
	 * on {@code step} when the user has a number and no fresh code allowed changing it
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached
	 */
	@Transactional
	public Optional<CodeSent> save(SignInPrincipal principal, BrowserSession browser, String typed, Locale region) {
		if (!mayChange(principal, browser)) {
			throw new InvalidAccountException("step", "phone.fresh-code-first");
		}
		String number = PhoneNumberRules.e164(typed, region, this.methods.allowedCallingCodes());
		if (!confirmsBySms()) {
			store(principal, browser, number, false);
			return Optional.empty();
		}
		CodeSent sent = this.stepUp.sendSms(principal.accountId(), CodePurpose.PHONE_CONFIRM, browser.binding(), number,
				region);
		if (sent.sent()) {
			browser.put(PROGRESS, new Progress(principal.accountId(), number,
					this.clock.instant().plus(LIFETIME)));
		}
		return Optional.of(sent);
	}

	/** The code that confirms a new number, when one is waiting in this browser. */
	public Optional<CodeState> pendingCode(SignInPrincipal principal, BrowserSession browser) {
		return progress(principal, browser).map(progress -> this.stepUp.state(principal.accountId(),
				CodePurpose.PHONE_CONFIRM, browser.binding(), progress.number()));
	}

	/**
	 * Sends the confirming code again.
	 * @return empty when no number waits for a code
	 */
	public Optional<CodeSent> resend(SignInPrincipal principal, BrowserSession browser, Locale locale) {
		return progress(principal, browser).map(progress -> this.stepUp.sendSms(principal.accountId(),
				CodePurpose.PHONE_CONFIRM, browser.binding(), progress.number(), locale));
	}

	/**
	 * Checks the code sent to the new number; once accepted, the number is saved confirmed.
	 * @throws InvalidAccountException on {@code step} when no number waits for a code, on {@code code} when it
	 * is not six digits
	 */
	@Transactional
	public CodeCheck confirm(SignInPrincipal principal, BrowserSession browser, String code) {
		progress(principal, browser).orElseThrow(() -> new InvalidAccountException("step", "phone.not-started"));
		CodeCheck check = this.stepUp.check(principal, CodePurpose.PHONE_CONFIRM, browser.binding(), browser.attempt(),
				code, EVENT);
		if (check.accepted()) {
			browser.remove(PROGRESS);
			store(principal, browser, check.destination(), true);
		}
		return check;
	}

	/**
	 * "Configure 2FA" → SMS: the confirmed number receives sign-in codes, if it no longer did, and SMS is the
	 * method asked first. The session goes on: the number was proven already, and choosing which method is
	 * asked first takes none away.
	 * @return false when SMS codes are not allowed or the user has no confirmed number
	 */
	@Transactional
	public boolean useForCodes(SignInPrincipal principal) {
		Optional<PhoneNumber> phone = this.phones.of(principal.accountId()).filter(PhoneNumber::confirmed);
		if (!confirmsBySms() || phone.isEmpty()) {
			return false;
		}
		startCodes(principal, phone.get().number());
		this.defaults.set(principal.accountId(), SecondFactorKind.SMS_CODE);
		this.audit.record(SelfServiceEvent.DEFAULT_METHOD_CHANGED, AuditOutcome.SUCCESS, principal.accountId(),
				principal.getUsername(), SecondFactorKind.SMS_CODE.name());
		return true;
	}

	/** Makes the confirmed number one of the user's methods, when it was not, and tells the user. */
	private void startCodes(SignInPrincipal principal, String number) {
		if (this.phones.startCodes(principal.accountId())) {
			this.notices.smsConfigured(principal.accountId(), number);
			this.audit.success(SelfServiceEvent.SMS_CODES_CONFIGURED, principal.accountId(), principal.getUsername());
		}
	}

	private void store(SignInPrincipal principal, BrowserSession browser, String number, boolean confirmed) {
		boolean replaced = this.phones.of(principal.accountId()).isPresent();
		this.phones.save(principal.accountId(), number, confirmed);
		this.notices.phoneSaved(principal.accountId(), number, replaced);
		if (confirmed) {
			startCodes(principal, number);
		}
		this.permits.spend(browser);
		this.audit.record(EVENT, AuditOutcome.SUCCESS, principal.accountId(),
				principal.getUsername(), Masks.phone(number) + (confirmed ? " confirmed by SMS" : " unconfirmed"));
	}

	private Optional<Progress> progress(SignInPrincipal principal, BrowserSession browser) {
		return browser.get(PROGRESS, Progress.class)
			.filter(progress -> progress.accountId() == principal.accountId()
					&& progress.expiresAt().isAfter(this.clock.instant()));
	}

}
