package org.latchkey.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.PasswordContext;
import org.latchkey.account.PasswordGuidance;
import org.latchkey.account.PasswordRules;
import org.latchkey.account.PreparedPassword;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.CodeSent;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.selfservice.internal.PendingPassword;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.CodeState;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.StepUpCodes;
import org.latchkey.stepup.StepUpProofs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in user changing their password, a sensitive action: the current password and the new one first,
 * then a code sent to the 2FA email. Between the two steps only the new password's Argon2 hash is kept, for
 * the browser, for a quarter of an hour. Once the code is accepted the password changes, every other session
 * of the user ends, the current one gets a new id, and the user is told by email. A user with no 2FA email
 * (while the policy does not require one) changes it with the current password alone.
 */
@Service
public class PasswordChange {

	private static final String PENDING = "latchkey.passwordChange";

	/** How long a new password waits, as its hash, for the code that confirms it. */
	static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);

	private static final SelfServiceEvent EVENT = SelfServiceEvent.PASSWORD_CHANGED;

	private final AccountManagement accounts;

	private final PasswordRules passwordRules;

	private final EmailFactors emailFactors;

	private final StepUpCodes stepUp;

	private final SignedInSessions sessions;

	private final MailQueue mail;

	private final StepUpProofs proofs;

	private final Clock clock;

	private final RememberedDevices rememberedDevices;

	PasswordChange(AccountManagement accounts, PasswordRules passwordRules, EmailFactors emailFactors,
			StepUpCodes stepUp, SignedInSessions sessions, MailQueue mail, StepUpProofs proofs,
			Clock clock, RememberedDevices rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.proofs = proofs;
		this.accounts = accounts;
		this.passwordRules = passwordRules;
		this.emailFactors = emailFactors;
		this.stepUp = stepUp;
		this.sessions = sessions;
		this.mail = mail;
		this.clock = clock;
	}

	/** Whether the change will ask for a code: only when the user has a 2FA email to send it to. */
	public boolean asksForCode(SignInPrincipal principal) {
		return this.emailFactors.addressOf(principal.accountId()).isPresent();
	}

	/** How strong a refused new password looks to someone who knows the user's login and addresses. */
	public PasswordGuidance guidance(SignInPrincipal principal, String password, Locale locale) {
		Account account = account(principal);
		List<String> emails = new ArrayList<>(twoFactorEmail(principal).stream().toList());
		emails.add(account.businessEmail());
		return this.passwordRules.guidance(password, new PasswordContext(account.login(), emails), locale);
	}

	/**
	 * Step 1: checks the current password and the new one, then sends a code to the 2FA email; without a 2FA
	 * email the password changes at once (the caller then renews the session id, as after {@link #confirm}).
	 * A wrong current password is audited and counts with the sign-in's failures ({@link StepUpProofs}).
	 * @return the code sent, or empty when the password was changed at once
	 * @throws InvalidAccountException on {@code currentPassword} when it is wrong or the account is locked, on
	 * {@code password} when the rules refuse the new one
	 */
	// nothing is written before a refusal but its audit entry and failure count, which must stay
	@Transactional(noRollbackFor = InvalidAccountException.class)
	public Optional<CodeSent> start(SignInPrincipal principal, BrowserSession browser, String currentPassword,
			String newPassword, Locale locale) {
		browser.remove(PENDING);
		if (currentPassword == null || currentPassword.isEmpty()) {
			throw new InvalidAccountException("currentPassword", "account.field.required");
		}
		if (!this.proofs.password(principal, browser.attempt(), currentPassword, "currentPassword", EVENT)) {
			throw new InvalidAccountException("currentPassword", "my-account.password.current-wrong");
		}
		Optional<String> address = twoFactorEmail(principal);
		PreparedPassword prepared = this.accounts.preparePassword(principal.accountId(), newPassword,
				address.stream().toList());
		if (address.isEmpty()) {
			complete(principal, browser, prepared, locale);
			return Optional.empty();
		}
		browser.put(PENDING, new PendingPassword(prepared, this.clock.instant().plus(PENDING_LIFETIME)));
		return Optional.of(this.stepUp.send(principal.accountId(), CodePurpose.PASSWORD_CHANGE, browser.binding(),
				address.get(), locale));
	}

	/** What the code page shows; empty when no change waits for a code (never started, done, or expired). */
	public Optional<CodeState> codeState(SignInPrincipal principal, BrowserSession browser) {
		return pending(principal, browser).flatMap(pending -> twoFactorEmail(principal))
			.map(address -> this.stepUp.state(principal.accountId(), CodePurpose.PASSWORD_CHANGE, browser.binding(),
					address));
	}

	/** Sends a new code for the waiting change; empty when no change waits for one. */
	public Optional<CodeSent> resend(SignInPrincipal principal, BrowserSession browser, Locale locale) {
		return pending(principal, browser).flatMap(pending -> twoFactorEmail(principal))
			.map(address -> this.stepUp.send(principal.accountId(), CodePurpose.PASSWORD_CHANGE, browser.binding(),
					address, locale));
	}

	/**
	 * Step 2: checks the code; when it is accepted, the waiting password becomes the account's, the user's
	 * other sessions end and the user is told. The caller then gives the browser a new session id (a renewal
	 * that moves the signed-in session along), once this transaction is over: the session store takes a
	 * connection of its own, and must not wait for one while this transaction holds the code's row against concurrent
	 * submissions.
	 * @throws InvalidAccountException on {@code step} when no change waits for a code, on {@code code} when
	 * the code is not six digits
	 */
	@Transactional
	public CodeCheck confirm(SignInPrincipal principal, BrowserSession browser, String code, Locale locale) {
		PendingPassword pending = pending(principal, browser)
			.orElseThrow(() -> new InvalidAccountException("step", "my-account.password.not-started"));
		CodeCheck check = this.stepUp.check(principal, CodePurpose.PASSWORD_CHANGE, browser.binding(), browser.attempt(),
				code, EVENT);
		if (check.accepted()) {
			browser.remove(PENDING);
			complete(principal, browser, pending.password(), locale);
		}
		return check;
	}

	private void complete(SignInPrincipal principal, BrowserSession browser, PreparedPassword password,
			Locale locale) {
		this.accounts.changePassword(password);
		this.sessions.endAllOfExcept(principal.accountId(), browser.id(), EndReason.PASSWORD_CHANGED);
		this.rememberedDevices.forgetAll(principal.accountId());
		tell(principal, locale);
	}

	/** Tells the user at their 2FA email and their business email, once when both are the same. */
	private void tell(SignInPrincipal principal, Locale locale) {
		Account account = account(principal);
		Set<String> addresses = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		twoFactorEmail(principal).ifPresent(addresses::add);
		addresses.add(account.businessEmail());
		for (String address : addresses) {
			this.mail.enqueue(new Email(address, "password-changed", locale, Map.of("name", account.displayName())));
		}
	}

	private Optional<PendingPassword> pending(SignInPrincipal principal, BrowserSession browser) {
		return browser.get(PENDING, PendingPassword.class)
			.filter(pending -> pending.password().accountId() == principal.accountId()
					&& pending.expiresAt().isAfter(this.clock.instant()));
	}

	private Optional<String> twoFactorEmail(SignInPrincipal principal) {
		return this.emailFactors.addressOf(principal.accountId());
	}

	private Account account(SignInPrincipal principal) {
		return this.accounts.findById(principal.accountId()).orElseThrow();
	}

}
