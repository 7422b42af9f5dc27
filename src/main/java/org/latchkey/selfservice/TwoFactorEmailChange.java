package org.latchkey.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountRules;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.selfservice.EmailChangeState.Step;
import org.latchkey.selfservice.internal.EmailChangeProgress;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.StepUpCodes;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in user changing their 2FA email, a sensitive action in two proofs: a code sent to the current
 * address (it is them), then a code sent to the new one (they can read it). Only then does the new address
 * replace the old; the old address and the business email are told. The progress is kept for the browser,
 * so a step posted out of turn is refused; a user with no 2FA email yet proves only the new address, and
 * their business email is told.
 */
@Service
public class TwoFactorEmailChange {

	private static final String PROGRESS = "latchkey.twoFactorEmailChange";

	/** How long a change may take from its start, both proofs included. */
	static final Duration LIFETIME = Duration.ofMinutes(20);

	private static final SelfServiceEvent EVENT = SelfServiceEvent.TWO_FACTOR_EMAIL_CHANGED;

	private final EmailFactors emailFactors;

	private final AccountManagement accounts;

	private final StepUpCodes stepUp;

	private final MailQueue mail;

	private final AuditLog audit;

	private final Clock clock;

	private final AllowedSecondFactors methods;

	private final RememberedDevices rememberedDevices;

	TwoFactorEmailChange(EmailFactors emailFactors, AccountManagement accounts, StepUpCodes stepUp, MailQueue mail,
			AuditLog audit, Clock clock, AllowedSecondFactors methods, RememberedDevices rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.methods = methods;
		this.emailFactors = emailFactors;
		this.accounts = accounts;
		this.stepUp = stepUp;
		this.mail = mail;
		this.audit = audit;
		this.clock = clock;
	}

	public EmailChangeState state(SignInPrincipal principal, BrowserSession browser) {
		Optional<EmailChangeProgress> found = progress(principal, browser);
		if (found.isEmpty()) {
			return new EmailChangeState(Step.NOT_STARTED, null, null);
		}
		EmailChangeProgress progress = found.get();
		String current = progress.currentAddress();
		return switch (progress.step()) {
			case PROVE_CURRENT -> new EmailChangeState(Step.PROVE_CURRENT, current,
					code(principal, browser, CodePurpose.EMAIL_CHANGE_CURRENT, current));
			case PROVE_NEW -> new EmailChangeState(Step.PROVE_NEW, current,
					code(principal, browser, CodePurpose.EMAIL_CHANGE_NEW, progress.newAddress()));
			default -> new EmailChangeState(progress.step(), current, null);
		};
	}

	/** The code a step waits for, naming in full the address it went to. */
	private CodeState code(SignInPrincipal principal, BrowserSession browser, CodePurpose purpose, String address) {
		return this.stepUp.state(principal.accountId(), purpose, browser.binding(), address).showing(address);
	}

	/**
	 * Starts the change, or starts it again: a code goes to the current 2FA email; with none, the change
	 * goes straight to choosing one.
	 * @return the code sent, or empty when there is no current address to prove
	 */
	public Optional<CodeSent> start(SignInPrincipal principal, BrowserSession browser, Locale locale) {
		if (!isAvailable()) {
			return Optional.empty();
		}
		Optional<String> current = this.emailFactors.addressOf(principal.accountId());
		browser.put(PROGRESS, new EmailChangeProgress(principal.accountId(), current.orElse(null),
				current.isEmpty(), null, this.clock.instant().plus(LIFETIME)));
		return current.map(address -> this.stepUp.send(principal.accountId(), CodePurpose.EMAIL_CHANGE_CURRENT,
				browser.binding(), address, locale));
	}

	/**
	 * Checks the code sent to the current 2FA email; once accepted, the new address may be chosen.
	 * @throws InvalidAccountException on {@code step} when the change is not at this step, on {@code code}
	 * when the code is not six digits
	 */
	@Transactional
	public CodeCheck proveCurrent(SignInPrincipal principal, BrowserSession browser, String code) {
		EmailChangeProgress progress = at(principal, browser, Step.PROVE_CURRENT);
		CodeCheck check = this.stepUp.check(principal, CodePurpose.EMAIL_CHANGE_CURRENT, browser.binding(),
				browser.attempt(), code, EVENT);
		if (check.accepted()) {
			browser.put(PROGRESS, progress.withCurrentProven());
		}
		return check;
	}

	/**
	 * Sends a code to the new address the user chose (again, if they chose another).
	 * @throws InvalidAccountException on {@code step} when the current address is not proven yet, on
	 * {@code email} when the address is not valid or is the current one
	 */
	public CodeSent chooseNew(SignInPrincipal principal, BrowserSession browser, String address, Locale locale) {
		EmailChangeProgress progress = at(principal, browser, Step.CHOOSE_NEW, Step.PROVE_NEW);
		String checked = AccountRules.email("email", address);
		if (checked.equalsIgnoreCase(progress.currentAddress())) {
			throw new InvalidAccountException("email", "my-account.email.same");
		}
		CodeSent sent = this.stepUp.send(principal.accountId(), CodePurpose.EMAIL_CHANGE_NEW, browser.binding(),
				checked, locale);
		if (sent.sent()) {
			// a refused send leaves the code of the previous address the live one, so the page names that one
			browser.put(PROGRESS, progress.withNewAddress(checked));
		}
		return sent;
	}

	/**
	 * Checks the code sent to the new address; once accepted, the address it proves becomes the 2FA email and
	 * the business email and the previous address, if there was one, are told.
	 * @throws InvalidAccountException on {@code step} when the change is not at this step, on {@code code}
	 * when the code is not six digits
	 */
	@Transactional
	public CodeCheck proveNew(SignInPrincipal principal, BrowserSession browser, String code, Locale locale) {
		EmailChangeProgress progress = at(principal, browser, Step.PROVE_NEW);
		CodeCheck check = this.stepUp.check(principal, CodePurpose.EMAIL_CHANGE_NEW, browser.binding(), browser.attempt(),
				code, EVENT);
		if (check.accepted()) {
			browser.remove(PROGRESS);
			this.emailFactors.set(principal.accountId(), check.destination());
			this.rememberedDevices.forgetAll(principal.accountId());
			tell(principal, progress.currentAddress(), check.destination(), locale);
			this.audit.success(EVENT, principal.accountId(), principal.getUsername());
		}
		return check;
	}

	/** Sends a new code for the step the change is at; empty when that step waits for no code. */
	public Optional<CodeSent> resend(SignInPrincipal principal, BrowserSession browser, Locale locale) {
		return progress(principal, browser).map(progress -> switch (progress.step()) {
			case PROVE_CURRENT -> this.stepUp.send(principal.accountId(), CodePurpose.EMAIL_CHANGE_CURRENT,
					browser.binding(), progress.currentAddress(), locale);
			case PROVE_NEW -> this.stepUp.send(principal.accountId(), CodePurpose.EMAIL_CHANGE_NEW, browser.binding(),
					progress.newAddress(), locale);
			default -> null;
		});
	}

	/**
	 * Tells the business email of every change, so that whoever holds the previous 2FA email cannot move the codes
	 * unseen, and tells the previous address too (once, when it is the business email).
	 */
	private void tell(SignInPrincipal principal, String previous, String proven, Locale locale) {
		Account account = this.accounts.findById(principal.accountId()).orElseThrow();
		String address = Masks.email(proven);
		if (previous == null) {
			this.mail.enqueue(new Email(account.businessEmail(), "two-factor-email-set", locale,
					Map.of("name", account.displayName(), "address", address)));
			return;
		}
		this.mail.enqueue(changed(previous, "mail.two-factor-email-changed.body", account, address, locale));
		if (!previous.equalsIgnoreCase(account.businessEmail())) {
			this.mail.enqueue(changed(account.businessEmail(), "mail.two-factor-email-changed.body-business", account,
					address, locale));
		}
	}

	private static Email changed(String recipient, String body, Account account, String address, Locale locale) {
		return new Email(recipient, "two-factor-email-changed", locale,
				Map.of("name", account.displayName(), "address", address, "body", body));
	}

	/** The progress when the change is at one of {@code steps} (in order); otherwise says which step is due. */
	private EmailChangeProgress at(SignInPrincipal principal, BrowserSession browser, Step... steps) {
		EmailChangeProgress progress = progress(principal, browser)
			.orElseThrow(() -> new InvalidAccountException("step", "my-account.email.not-started"));
		if (Arrays.asList(steps).contains(progress.step())) {
			return progress;
		}
		if (progress.step().compareTo(steps[0]) > 0) {
			throw new InvalidAccountException("step", "my-account.email.current-done");
		}
		throw new InvalidAccountException("step", (progress.step() == Step.PROVE_CURRENT)
				? "my-account.email.current-first" : "my-account.email.new-first");
	}

	/** Whether the user may change their 2FA email: while the organisation allows email codes. */
	public boolean isAvailable() {
		return this.methods.allows(SecondFactorKind.EMAIL_CODE);
	}

	/**
	 * The change in progress, unless it expired, the 2FA email changed by other means meanwhile, or email codes
	 * are no longer allowed.
	 */
	private Optional<EmailChangeProgress> progress(SignInPrincipal principal, BrowserSession browser) {
		return browser.get(PROGRESS, EmailChangeProgress.class)
			.filter(progress -> isAvailable() && progress.accountId() == principal.accountId()
					&& progress.expiresAt().isAfter(this.clock.instant())
					&& Objects.equals(progress.currentAddress(),
							this.emailFactors.addressOf(principal.accountId()).orElse(null)));
	}

}
