package org.latchkey.selfservice;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.DefaultMethods;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.Enrolments;
import org.latchkey.factor.PhoneNumbers;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.factor.TotpCheck;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.SignInOptions;
import org.latchkey.selfservice.internal.StepUpPermits;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.UserMethods;
import org.latchkey.stepup.StepUpCodes;
import org.latchkey.stepup.StepUpProofs;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A change of a signed-in user's second factors from My account: setting the default method, removing a
 * method, replacing the authenticator app, changing the phone number; and signing out other sessions, which asks
 * for the same proof. Each asks first for a fresh code from a
 * method the user may use (the app, or a code sent by email or SMS); the change waits for it with the browser,
 * so none can be carried out by posting its last step. Under {@code required} the last method the user may
 * use cannot be removed: that rule is checked again, with the account's row locked, when the change is made.
 */
@Service
public class MethodChange {

	/** The changes that ask for a fresh code. */
	public enum Action {
		SET_DEFAULT, REMOVE, REPLACE_APP, CHANGE_PHONE,
		/** A first authenticator app, for a user who already has a method to prove it is them with. */
		ADD_APP,
		/** Signing out other sessions from My account ({@link OtherSessions}). */
		END_SESSIONS,
		/** A new set of recovery codes, replacing the previous one ({@link RecoveryCodeSetup}). */
		NEW_RECOVERY_CODES
	}

	static final Duration LIFETIME = Duration.ofMinutes(10);

	private static final String PENDING = "latchkey.methodChange";

	private static final SelfServiceEvent EVENT = SelfServiceEvent.SECOND_FACTOR_CHANGE;

	private final AllowedSecondFactors methods;

	private final Enrolments enrolments;

	private final DefaultMethods defaults;

	private final AuthenticatorApps apps;

	private final EmailFactors emailFactors;

	private final PhoneNumbers phones;

	private final OrganisationPolicy policy;

	private final StepUpCodes stepUp;

	private final StepUpPermits permits;

	private final AuditLog audit;

	private final MethodNotices notices;

	private final StepUpProofs proofs;

	private final Clock clock;

	private final BooleanSupplier recoveryCodesOn;

	private final RememberedDevices devices;

	MethodChange(AllowedSecondFactors methods, Enrolments enrolments, DefaultMethods defaults, AuthenticatorApps apps,
			EmailFactors emailFactors, PhoneNumbers phones, OrganisationPolicy policy, StepUpCodes stepUp,
			StepUpPermits permits, AuditLog audit, MethodNotices notices, StepUpProofs proofs, Clock clock,
			SignInOptions options, RememberedDevices devices) {
		this.recoveryCodesOn = () -> options.current().recoveryCodes();
		this.devices = devices;
		this.proofs = proofs;
		this.notices = notices;
		this.methods = methods;
		this.enrolments = enrolments;
		this.defaults = defaults;
		this.apps = apps;
		this.emailFactors = emailFactors;
		this.phones = phones;
		this.policy = policy;
		this.stepUp = stepUp;
		this.permits = permits;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A change waiting for its fresh code.
	 *
	 * @param method the method set as default or removed; {@code null} for the other actions
	 */
	public record Pending(long accountId, Action action, SecondFactorKind method, Instant expiresAt)
			implements Serializable {
	}

	/**
	 * What a submitted code did.
	 *
	 * @param done whether the change was made (or, for a change with a page of its own, may now be made there)
	 * @param code the answer to a code sent by email or SMS, when one was submitted
	 * @param app the answer to a code from the app, when one was submitted
	 */
	public record Proof(boolean done, CodeCheck code, TotpCheck app) {
	}

	/**
	 * Starts a change; it waits for a fresh code. A user who has no method yet has nothing to prove with: a new
	 * phone number is theirs to save at once.
	 * @return true when the change must be confirmed with a code, false when it may go on at once
	 * @throws InvalidAccountException on {@code method} when the change does not apply to the user's methods
	 */
	public boolean start(SignInPrincipal principal, BrowserSession browser, Action action, SecondFactorKind method) {
		UserMethods mine = this.methods.of(principal.accountId());
		if (action == Action.CHANGE_PHONE && !mine.any()) {
			this.permits.grant(browser, principal.accountId(), action);
			return false;
		}
		check(action, method, mine.enrolled(), mine);
		SecondFactorKind target = (action == Action.SET_DEFAULT || action == Action.REMOVE) ? method : null;
		browser.put(PENDING, new Pending(principal.accountId(), action, target,
				this.clock.instant().plus(LIFETIME)));
		return true;
	}

	/** The change waiting for a code in this browser, unless it expired. */
	public Optional<Pending> pending(SignInPrincipal principal, BrowserSession browser) {
		return browser.get(PENDING, Pending.class)
			.filter(pending -> pending.accountId() == principal.accountId()
					&& pending.expiresAt().isAfter(this.clock.instant()));
	}

	/** The methods the user may prove the change with. */
	public UserMethods methods(SignInPrincipal principal) {
		return this.methods.of(principal.accountId());
	}

	/** Where this browser's code went, or would go, by {@code via} (email or SMS). */
	public CodeState codeState(SignInPrincipal principal, BrowserSession browser, SecondFactorKind via) {
		return this.stepUp.state(principal.accountId(), CodePurpose.METHOD_CHANGE, browser.binding(),
				destination(principal, via));
	}

	/**
	 * Sends a fresh code by email or SMS.
	 * @return empty when the user may not use {@code via}
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached
	 */
	public Optional<CodeSent> sendCode(SignInPrincipal principal, BrowserSession browser, SecondFactorKind via,
			Locale locale) {
		if (pending(principal, browser).isEmpty() || via == SecondFactorKind.AUTHENTICATOR_APP
				|| !this.methods.of(principal.accountId()).canUse(via)) {
			return Optional.empty();
		}
		String destination = destination(principal, via);
		return Optional.of((via == SecondFactorKind.SMS_CODE)
				? this.stepUp.sendSms(principal.accountId(), CodePurpose.METHOD_CHANGE, browser.binding(), destination,
						locale)
				: this.stepUp.send(principal.accountId(), CodePurpose.METHOD_CHANGE, browser.binding(), destination,
						locale));
	}

	/**
	 * Checks the fresh code from {@code via}; once it is accepted, the change is made (the default set, the
	 * method removed) or, for replacing the app and changing the phone, permitted once on their pages.
	 * @throws InvalidAccountException on {@code step} when no change waits, on {@code method} when the change
	 * no longer applies (the last method under {@code required}), on {@code code} when it is not six digits
	 */
	@Transactional
	public Proof confirm(SignInPrincipal principal, BrowserSession browser, SecondFactorKind via, String code) {
		Pending pending = pending(principal, browser)
			.orElseThrow(() -> new InvalidAccountException("step", "methods.not-started"));
		UserMethods mine = this.methods.of(principal.accountId());
		// a passkey proves a change through the sign-in's step-up (PasskeySetup), not with a code here
		if (via == null || via == SecondFactorKind.PASSKEY || !mine.canUse(via)) {
			throw new InvalidAccountException("step", "methods.via-not-usable");
		}
		if (via == SecondFactorKind.AUTHENTICATOR_APP) {
			TotpCheck app = this.proofs.app(principal, browser.attempt(), code, EVENT);
			if (app != TotpCheck.ACCEPTED) {
				return new Proof(false, null, app);
			}
			apply(principal, browser, pending, via);
			return new Proof(true, null, app);
		}
		CodeCheck check = this.stepUp.check(principal, CodePurpose.METHOD_CHANGE, browser.binding(), browser.attempt(),
				code, EVENT);
		if (check.accepted()) {
			apply(principal, browser, pending, via);
		}
		return new Proof(check.accepted(), check, null);
	}

	private void apply(SignInPrincipal principal, BrowserSession browser, Pending pending, SecondFactorKind via) {
		browser.remove(PENDING);
		this.audit.record(EVENT, AuditOutcome.SUCCESS, principal.accountId(), principal.getUsername(),
				pending.action() + " confirmed with " + via);
		long id = principal.accountId();
		switch (pending.action()) {
			case SET_DEFAULT -> {
				check(Action.SET_DEFAULT, pending.method(), this.enrolments.of(id), this.methods.of(id));
				this.defaults.set(id, pending.method());
				this.audit.record(SelfServiceEvent.DEFAULT_METHOD_CHANGED, AuditOutcome.SUCCESS, id,
						principal.getUsername(), pending.method().name());
			}
			case REMOVE -> {
				// decided on the methods as they stand with the account's row locked, so that two removals at
				// once cannot both leave the other as the last one and remove it
				check(Action.REMOVE, pending.method(), this.enrolments.lock(id), this.methods.of(id));
				this.enrolments.remove(id, pending.method());
				// a method removed may be a lost one: no browser keeps standing in for the second factor
				this.devices.forgetAll(id);
				this.audit.record(SelfServiceEvent.SECOND_FACTOR_REMOVED, AuditOutcome.SUCCESS, id,
						principal.getUsername(), pending.method().name());
				this.notices.removed(id, pending.method(), false, LocaleContextHolder.getLocale());
			}
			default -> this.permits.grant(browser, id, pending.action());
		}
	}

	/** Refuses a change that does not apply to the methods the user has. */
	private void check(Action action, SecondFactorKind method, Set<SecondFactorKind> enrolled, UserMethods mine) {
		boolean applies = switch (action) {
			case SET_DEFAULT -> method != null && mine.canUse(method);
			case REMOVE -> method != null && enrolled.contains(method);
			case REPLACE_APP -> mine.canUse(SecondFactorKind.AUTHENTICATOR_APP);
			case ADD_APP -> mine.allows(SecondFactorKind.AUTHENTICATOR_APP);
			case CHANGE_PHONE, END_SESSIONS -> true;
			case NEW_RECOVERY_CODES -> this.recoveryCodesOn.getAsBoolean();
		};
		if (!applies) {
			throw new InvalidAccountException("method", "methods.not-applicable");
		}
		if (action == Action.REMOVE && this.policy.current().twoFactorRequired()) {
			Set<SecondFactorKind> left = EnumSet.noneOf(SecondFactorKind.class);
			left.addAll(enrolled);
			left.remove(method);
			left.retainAll(mine.allowed());
			if (left.isEmpty()) {
				throw new InvalidAccountException("method", "methods.last");
			}
		}
	}

	private String destination(SignInPrincipal principal, SecondFactorKind via) {
		return (via == SecondFactorKind.SMS_CODE)
				? this.phones.of(principal.accountId()).map(PhoneNumbers.PhoneNumber::number).orElse(null)
				: this.emailFactors.addressOf(principal.accountId()).orElse(null);
	}

}
