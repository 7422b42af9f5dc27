package org.latchkey.lockout;

import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.Credentials;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.lockout.internal.Devices;
import org.latchkey.lockout.internal.FailedCodeNotices;
import org.latchkey.lockout.internal.FailureCounters;
import org.latchkey.lockout.internal.LockNotices;
import org.latchkey.lockout.internal.LockoutSchedule;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account throttling across both sign-in steps: consecutive failures lock the account on the
 * {@link LockoutSchedule}, counted apart for each browser holding a device token of the account and
 * together for every other browser; a completed sign-in starts the count again. Every failed step also
 * counts against the client's address ({@link ClientThrottle}). The browser in question is the one the
 * {@link SignInAttempt} describes. Each lock, unlock and failed step is audited.
 */
@Service
public class SignInThrottle {

	private final FailureCounters counters;

	private final Devices devices;

	private final ClientThrottle clients;

	private final AccountManagement accounts;

	private final LockNotices notices;

	private final FailedCodeNotices failedCodes;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final MeterRegistry meters;

	SignInThrottle(FailureCounters counters, Devices devices, ClientThrottle clients, AccountManagement accounts,
			LockNotices notices, FailedCodeNotices failedCodes, AuditLog audit, Clock clock,
			PlatformTransactionManager transactions, MeterRegistry meters) {
		this.meters = meters;
		meters.counter("latchkey.lockouts", "scope", "account");
		meters.counter("latchkey.lockouts", "scope", "device");
		this.failedCodes = failedCodes;
		this.counters = counters;
		this.devices = devices;
		this.clients = clients;
		this.accounts = accounts;
		this.notices = notices;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Records a failed second step (a wrong, expired or replayed code of any method) and audits it: the one
	 * call every second factor makes on a failure. It counts against the account for this browser, which
	 * the fifth consecutive failure locks, and against the client's address. The first failure of a pending
	 * sign-in tells the owner by email that their password was right but the code was not.
	 * @param detail what failed, for the audit log (for example {@code "sms code wrong"}); never the code
	 * @param replay whether the code was one already used, audited as {@code REPLAY_REFUSED}
	 */
	public void secondFactorFailed(long accountId, String login, SignInAttempt attempt, String detail,
			boolean replay) {
		this.audit.record(replay ? LockoutEvent.REPLAY_REFUSED : LockoutEvent.SECOND_FACTOR, AuditOutcome.FAILURE,
				accountId, login, detail);
		countFailure(accountId, login, attempt);
		if (attempt.sessionId() != null) {
			this.failedCodes.failed(accountId, attempt.sessionId(), attempt.clientAddress(),
					LocaleContextHolder.getLocale());
		}
	}

	/**
	 * What stands against sign-ins to the account from the attempt's browser, from one read of its counter: the
	 * lock, if any, and whether no failure is counted, in which case a success that follows need not reset the
	 * count ({@link SignInAttempt#withNothingCounted()}). A failure another request counts meanwhile is then
	 * left standing, which errs on the side of the lock.
	 */
	public Standing standing(long accountId, SignInAttempt attempt) {
		Optional<FailureCounters.Row> counter = this.counters.of(accountId, clientOf(accountId, attempt));
		return new Standing(counter.flatMap(row -> row.lockAt(this.clock.instant())).orElse(null),
				counter.map(row -> row.failures() == 0).orElse(true));
	}

	/**
	 * What stands against a browser's sign-ins to an account.
	 *
	 * @param lock the lock standing, or {@code null}
	 * @param nothingCounted whether no failure is counted
	 */
	public record Standing(@Nullable AccountLock lock, boolean nothingCounted) {
	}

	/** The lock standing on sign-ins to the account from the attempt's browser, if any. */
	public Optional<AccountLock> lockOf(long accountId, SignInAttempt attempt) {
		return this.counters.lockOf(accountId, clientOf(accountId, attempt), this.clock.instant());
	}

	/** The lock that stands for browsers without a device token of the account, as the console shows it. */
	public Optional<AccountLock> accountLock(long accountId) {
		return this.counters.untrusted(accountId).flatMap(row -> row.lockAt(this.clock.instant()));
	}

	/** How many accounts are locked now for browsers without a device token of theirs, for the dashboard. */
	public long lockedAccountsNow() {
		return this.counters.countLockedAccounts(this.clock.instant());
	}

	/** Consecutive failures counted for browsers without a device token of the account. */
	public int failuresOf(long accountId) {
		return this.counters.untrusted(accountId).map(FailureCounters.Row::failures).orElse(0);
	}

	/** An administrator unlocks the account for every browser; audited. Returns whether it was locked. */
	public boolean unlock(long accountId, String login) {
		boolean locked = this.counters.unlock(accountId, this.clock.instant());
		this.audit.record(LockoutEvent.ACCOUNT_UNLOCKED, AuditOutcome.SUCCESS, accountId, login,
				locked ? null : "no lock stood; failure counts cleared");
		return locked;
	}

	/**
	 * A sign-in completed in the attempt's browser: its count starts again (unless the attempt knows nothing was
	 * counted).
	 * @return the device token to give the browser, when it holds no valid one for the account yet
	 */
	public Optional<String> succeeded(long accountId, SignInAttempt attempt) {
		Optional<String> device = this.devices.deviceOf(attempt.deviceTokens(), accountId);
		if (!attempt.nothingCounted()) {
			this.counters.reset(accountId, device.orElse(FailureCounters.UNTRUSTED), this.clock.instant());
		}
		return device.isPresent() ? Optional.empty() : Optional.of(this.devices.issue(accountId));
	}

	/**
	 * Step 1, after the password was found right: whether a lock stands for the attempt's browser, in which case
	 * the attempt is to be refused like a wrong password; it is then counted against the client's address as
	 * one, and the owner is told by email, once per lock, that their password met it.
	 */
	public boolean lockedOnRightPassword(long accountId, SignInAttempt attempt) {
		Optional<AccountLock> lock = lockOf(accountId, attempt);
		if (lock.isEmpty()) {
			return false;
		}
		this.clients.failed(attempt.clientAddress());
		if (this.counters.claimNotice(accountId, clientOf(accountId, attempt), lock.get())) {
			this.accounts.findById(accountId)
				.ifPresent(account -> this.notices.tell(account, lock.get(), LocaleContextHolder.getLocale()));
		}
		return true;
	}

	/**
	 * Step 1 with a wrong password (or an unknown login): counted against the client's address and, when the
	 * login names an account with a password, against that account. Returns whether a lock stood, in which
	 * case the attempt was refused uncounted.
	 */
	public boolean passwordFailed(@Nullable String login, SignInAttempt attempt) {
		Optional<Credentials> credentials = (login != null) ? this.accounts.findCredentials(login) : Optional.empty();
		if (credentials.isEmpty()) {
			this.clients.failed(attempt.clientAddress());
			return false;
		}
		return !countFailure(credentials.get().accountId(), credentials.get().login(), attempt).counted();
	}

	/**
	 * A signed-in person's proof failed (a step-up code, an app's code, the current password): counted as a
	 * failed sign-in step of the attempt's browser, so that a session cannot guess what a sign-in may not. The
	 * owner is told by email, once, of the lock such a failure starts: whoever guesses holds their session.
	 * Refuse the proof beforehand while {@link #lockOf} finds a lock.
	 */
	public void proofFailed(long accountId, String login, SignInAttempt attempt) {
		FailureCounters.Failure failure = countFailure(accountId, login, attempt);
		if (failure.counted() && failure.lock().isPresent()
				&& this.counters.claimNotice(accountId, clientOf(accountId, attempt), failure.lock().get())) {
			this.accounts.findById(accountId)
				.ifPresent(account -> this.notices.tellFromSession(account, failure.lock().get(),
						LocaleContextHolder.getLocale()));
		}
	}

	/**
	 * Counts the failure against the client's address and the account in one transaction: one commit, as for
	 * an unknown login, whose failure counts against the address alone. Separate commits made a wrong password
	 * for a real account measurably slower than one for an unknown login on PostgreSQL, which told them apart.
	 */
	private FailureCounters.Failure countFailure(long accountId, String login, SignInAttempt attempt) {
		return this.transaction.execute(status -> {
			this.clients.failed(attempt.clientAddress());
			String client = clientOf(accountId, attempt);
			FailureCounters.Failure failure = this.counters.recordFailure(accountId, client, this.clock.instant());
			if (failure.counted() && failure.lock().isPresent()) {
				AccountLock lock = failure.lock().get();
				LockoutEvent event = FailureCounters.UNTRUSTED.equals(client) ? LockoutEvent.ACCOUNT_LOCKED
						: LockoutEvent.DEVICE_LOCKED;
				// latchkey_lockouts_total{scope="account|device"}: see docs/metrics.md
				this.meters.counter("latchkey.lockouts", "scope",
						(event == LockoutEvent.ACCOUNT_LOCKED) ? "account" : "device").increment();
				this.audit.record(event, AuditOutcome.FAILURE, accountId, login, failure.failures() + " consecutive failed sign-in steps; "
								+ (lock.untilUnlocked() ? "locked until an administrator unlocks it"
										: "locked until " + lock.until()));
			}
			return failure;
		});
	}

	private String clientOf(long accountId, SignInAttempt attempt) {
		return this.devices.deviceOf(attempt.deviceTokens(), accountId).orElse(FailureCounters.UNTRUSTED);
	}

}
