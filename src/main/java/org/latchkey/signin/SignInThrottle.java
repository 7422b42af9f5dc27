package org.latchkey.signin;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.Credentials;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.system.ClientAddresses;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Account throttling across both sign-in steps: consecutive failures lock the account on the
 * {@link LockoutSchedule}, counted apart for each browser holding a device cookie of the account and
 * together for every other browser; a completed sign-in starts the count again. Every failed step also
 * counts against the client's address ({@link ClientThrottle}). The browser in question is the one of the
 * current request. Each lock, unlock and failed step is audited.
 */
@Service
public class SignInThrottle {

	private final FailureCounters counters;

	private final DeviceCookies devices;

	private final ClientThrottle clients;

	private final ClientAddresses addresses;

	private final AccountManagement accounts;

	private final LockNotices notices;

	private final FailedCodeNotices failedCodes;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	SignInThrottle(FailureCounters counters, DeviceCookies devices, ClientThrottle clients,
			ClientAddresses addresses, AccountManagement accounts, LockNotices notices, FailedCodeNotices failedCodes,
			AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
		this.failedCodes = failedCodes;
		this.counters = counters;
		this.devices = devices;
		this.clients = clients;
		this.addresses = addresses;
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
	public void secondFactorFailed(SignInPrincipal principal, String detail, boolean replay) {
		this.audit.record(replay ? "REPLAY_REFUSED" : "SECOND_FACTOR", AuditOutcome.FAILURE, principal.accountId(),
				principal.getUsername(), detail);
		countFailure(principal.accountId(), principal.getUsername());
		HttpServletRequest request = currentRequest();
		HttpSession session = (request != null) ? request.getSession(false) : null;
		if (session != null) {
			this.failedCodes.failed(principal.accountId(), session.getId(), this.addresses.of(request),
					LocaleContextHolder.getLocale());
		}
	}

	/** The lock standing on sign-ins to the account from the current request's browser, if any. */
	public Optional<AccountLock> lockOf(long accountId) {
		return this.counters.lockOf(accountId, clientOf(accountId), this.clock.instant());
	}

	/** The lock that stands for browsers without a device cookie of the account, as the console shows it. */
	public Optional<AccountLock> accountLock(long accountId) {
		return this.counters.untrusted(accountId).flatMap(row -> row.lockAt(this.clock.instant()));
	}

	/** Consecutive failures counted for browsers without a device cookie of the account. */
	public int failuresOf(long accountId) {
		return this.counters.untrusted(accountId).map(FailureCounters.Row::failures).orElse(0);
	}

	/** An administrator unlocks the account for every browser; audited. Returns whether it was locked. */
	public boolean unlock(long accountId, String login) {
		boolean locked = this.counters.unlock(accountId, this.clock.instant());
		this.audit.record("ACCOUNT_UNLOCKED", AuditOutcome.SUCCESS, accountId, login,
				locked ? null : "no lock stood; failure counts cleared");
		return locked;
	}

	/** A sign-in completed in this browser: its count starts again and it keeps (or gets) a device cookie. */
	public void succeeded(long accountId, HttpServletRequest request, HttpServletResponse response) {
		this.counters.reset(accountId, clientOf(request, accountId), this.clock.instant());
		this.devices.issue(request, response, accountId);
	}

	/**
	 * Step 1, after the password was found right: refused like a wrong password while a lock stands for this
	 * browser, and counted against the client's address as one. The owner is told by email, once per lock,
	 * that their password met it.
	 */
	void refuseIfLocked(SignInPrincipal principal) {
		Optional<AccountLock> lock = lockOf(principal.accountId());
		if (lock.isEmpty()) {
			return;
		}
		this.clients.failed(clientAddress());
		if (this.counters.claimNotice(principal.accountId(), clientOf(principal.accountId()), lock.get())) {
			this.accounts.findById(principal.accountId())
				.ifPresent(account -> this.notices.tell(account, lock.get(), LocaleContextHolder.getLocale()));
		}
		throw new ClientLockedException();
	}

	/**
	 * Step 1 with a wrong password (or an unknown login): counted against the client's address and, when the
	 * login names an account with a password, against that account. Returns whether a lock stood, in which
	 * case the attempt was refused uncounted.
	 */
	boolean passwordFailed(@Nullable String login) {
		Optional<Credentials> credentials = (login != null) ? this.accounts.findCredentials(login) : Optional.empty();
		if (credentials.isEmpty()) {
			this.clients.failed(clientAddress());
			return false;
		}
		return countFailure(credentials.get().accountId(), credentials.get().login());
	}

	/**
	 * Counts the failure against the client's address and the account in one transaction: one commit, as for
	 * an unknown login, whose failure counts against the address alone. Separate commits made a wrong password
	 * for a real account measurably slower than one for an unknown login on PostgreSQL, which told them apart.
	 */
	private boolean countFailure(long accountId, String login) {
		return Boolean.TRUE.equals(this.transaction.execute(status -> {
			this.clients.failed(clientAddress());
			String client = clientOf(accountId);
			FailureCounters.Failure failure = this.counters.recordFailure(accountId, client, this.clock.instant());
			if (failure.counted() && failure.lock().isPresent()) {
				AccountLock lock = failure.lock().get();
				this.audit.record(FailureCounters.UNTRUSTED.equals(client) ? "ACCOUNT_LOCKED" : "DEVICE_LOCKED",
						AuditOutcome.FAILURE, accountId, login, failure.failures() + " consecutive failed sign-in steps; "
								+ (lock.untilUnlocked() ? "locked until an administrator unlocks it"
										: "locked until " + lock.until()));
			}
			return !failure.counted();
		}));
	}

	private String clientOf(long accountId) {
		HttpServletRequest request = currentRequest();
		return (request != null) ? clientOf(request, accountId) : FailureCounters.UNTRUSTED;
	}

	private String clientOf(HttpServletRequest request, long accountId) {
		return this.devices.deviceOf(request, accountId).orElse(FailureCounters.UNTRUSTED);
	}

	private String clientAddress() {
		HttpServletRequest request = currentRequest();
		return (request != null) ? this.addresses.of(request) : "unknown";
	}

	private static @Nullable HttpServletRequest currentRequest() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

}
