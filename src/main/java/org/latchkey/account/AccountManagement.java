package org.latchkey.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.latchkey.account.internal.Accounts;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.audit.AuditSubjects;
import org.latchkey.system.Paged;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What can be done to accounts: create, find, edit, disable, enable and set a password. Every change is
 * audited in the same transaction.
 */
@Service
public class AccountManagement {

	private final Accounts accounts;

	private final PasswordRules passwordRules;

	private final PasswordEncoder passwordEncoder;

	private final TemporaryPasswords temporaryPasswords;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AuditSubjects auditSubjects;

	AccountManagement(Accounts accounts, PasswordRules passwordRules, PasswordEncoder passwordEncoder,
			TemporaryPasswords temporaryPasswords, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			AuditSubjects auditSubjects) {
		this.auditSubjects = auditSubjects;
		this.accounts = accounts;
		this.passwordRules = passwordRules;
		this.passwordEncoder = passwordEncoder;
		this.temporaryPasswords = temporaryPasswords;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** The ids of the active accounts, for a module that counts what they have. */
	public List<Long> activeIds() {
		return this.accounts.activeIds();
	}

	/**
	 * Locks the account's row until the caller's transaction ends, so that what other modules decide for one
	 * account and then change (codes sent, methods enrolled) is decided one transaction after the other, on
	 * every node.
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(long accountId) {
		this.accounts.lock(accountId);
	}

	/** Creates an account that has no password yet; its owner chooses one at first login. */
	@Transactional
	public Account invite(NewAccount request) {
		NewAccount account = AccountRules.check(request);
		long id = insert(account, AccountStatus.INVITED, null);
		this.audit.success(AccountAuditEvent.ACCOUNT_CREATED, id, account.login());
		return findById(id).orElseThrow();
	}

	/** Creates an active account with a password chosen by its owner (first administrator, tests, imports). */
	@Transactional
	public Account createActive(NewAccount request, String password) {
		NewAccount account = AccountRules.check(request);
		this.passwordRules.check(password, PasswordContext.of(account));
		long id = insert(account, AccountStatus.ACTIVE, this.passwordEncoder.encode(password));
		this.audit.success(AccountAuditEvent.ACCOUNT_CREATED, id, account.login());
		return findById(id).orElseThrow();
	}

	/**
	 * Creates an active account with no password, for a person an identity provider vouched for (single sign-on
	 * creating accounts on first sign-in): nobody can sign in to it with a password until one is chosen through a
	 * reset.
	 */
	@Transactional
	public Account createWithoutPassword(NewAccount request) {
		NewAccount account = AccountRules.check(request);
		long id = insert(account, AccountStatus.ACTIVE, null);
		this.audit.success(AccountAuditEvent.ACCOUNT_CREATED, id, account.login());
		return findById(id).orElseThrow();
	}

	private long insert(NewAccount account, AccountStatus status, String passwordHash) {
		try {
			return this.accounts.insert(account, status, passwordHash, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidAccountException("login", "account.login.taken");
		}
	}

	public Optional<Account> findById(long id) {
		return this.accounts.findById(id);
	}

	public Optional<Account> findByLogin(String login) {
		return this.accounts.findByLogin(login);
	}

	/**
	 * The accounts with {@code status} whose login or business email is {@code identifier}, ignoring case, at
	 * most {@code limit} of them (several accounts may share a business email). The text is what
	 * {@link AccountRules#identifier} accepted.
	 */
	public List<Account> findByIdentifier(String identifier, AccountStatus status, int limit) {
		return this.accounts.findByIdentifier(identifier, status, limit);
	}

	/** What the sign-in needs to check a password; empty for an unknown login or one with no password yet. */
	public Optional<Credentials> findCredentials(String login) {
		return this.accounts.findCredentials(login);
	}

	/**
	 * What the password step checks, read in one statement: the credentials, with the hash of the account's
	 * temporary password in place of its password's while one stands, live or not (a used or expired one opens
	 * nothing, but costs the same hash to refuse); empty for an unknown login or one with no password yet.
	 */
	public Optional<PasswordToCheck> findPasswordToCheck(String login) {
		return this.accounts.findPasswordToCheck(login);
	}

	/**
	 * One page of the accounts whose login, name or email contains {@code query} (ignoring case), by display
	 * name. A page number outside the results is moved to the nearest page that exists.
	 */
	public AccountPage search(String query, int page, int size) {
		String text = (query != null) ? query : "";
		if (!AccountRules.printable(text)) {
			// matches nothing, and PostgreSQL would refuse a NUL in the query
			return new AccountPage(List.of(), 0, size, 0);
		}
		long total = this.accounts.count(text);
		int shown = Paged.nearest(page, size, total);
		return new AccountPage(this.accounts.search(text, (long) shown * size, size), shown, size, total);
	}

	/**
	 * Replaces the name, email and role of an account. A change of role ends the account's sessions, so that
	 * it takes effect at once rather than at the next sign-in.
	 */
	@Transactional
	public Account update(long id, AccountDetails request) {
		AccountDetails details = AccountRules.check(request);
		Account before = existing(id);
		this.accounts.updateDetails(id, details);
		boolean roleChanged = before.role() != details.role();
		this.audit.record(AccountAuditEvent.ACCOUNT_UPDATED, AuditOutcome.SUCCESS, id, before.login(),
				roleChanged ? "role " + before.role() + " -> " + details.role() : null);
		if (roleChanged) {
			this.events.publishEvent(new AccountRoleChanged(id, before.role(), details.role()));
		}
		return existing(id);
	}

	/** Disables an account; returns false when it was already disabled. */
	@Transactional
	public boolean disable(long id) {
		Account account = existing(id);
		if (account.status() == AccountStatus.DISABLED) {
			return false;
		}
		boolean changed = this.accounts.updateStatus(id, account.status(), AccountStatus.DISABLED) == 1;
		if (changed) {
			this.audit.success(AccountAuditEvent.ACCOUNT_DISABLED, id, account.login());
			this.events.publishEvent(new AccountDisabled(id));
		}
		return changed;
	}

	/**
	 * Enables a disabled account; it goes back to active, or to invited when no password was ever chosen.
	 * Returns false when it was not disabled.
	 */
	@Transactional
	public boolean enable(long id) {
		Account account = existing(id);
		AccountStatus target = this.accounts.findCredentials(account.login()).isPresent() ? AccountStatus.ACTIVE
				: AccountStatus.INVITED;
		boolean changed = this.accounts.updateStatus(id, AccountStatus.DISABLED, target) == 1;
		if (changed) {
			this.audit.success(AccountAuditEvent.ACCOUNT_ENABLED, id, account.login());
		}
		return changed;
	}

	/**
	 * Checks a new password against the rules and hashes it, changing nothing, so that the caller can keep the
	 * hash rather than the password while the owner confirms the change.
	 * @param otherEmails the account's addresses besides its business email (a 2FA email), refused as passwords
	 * like it
	 * @throws InvalidAccountException on the field {@code password} when the rules refuse it
	 */
	public PreparedPassword preparePassword(long id, String password, List<String> otherEmails) {
		Account account = existing(id);
		List<String> emails = new ArrayList<>(otherEmails);
		emails.add(account.businessEmail());
		this.passwordRules.check(password, new PasswordContext(account.login(), emails));
		if (this.temporaryPasswords.matches(id, password)) {
			throw new InvalidAccountException("password", "account.password.is-temporary");
		}
		return new PreparedPassword(id, this.passwordEncoder.encode(password));
	}

	/**
	 * Sets a password that {@link #preparePassword} checked and hashed (change, reset); a temporary password the
	 * account had is void from then on. Ending the sessions it concerns is the caller's choice (a change keeps
	 * the current session).
	 */
	@Transactional
	public void changePassword(PreparedPassword password) {
		Account account = existing(password.accountId());
		this.accounts.updatePasswordHash(account.id(), password.hash());
		this.temporaryPasswords.discard(account.id());
		this.audit.success(AccountAuditEvent.PASSWORD_CHANGED, account.id(), account.login());
	}

	/**
	 * Whether {@code password} is the account's current password. A value that no password can be (empty, or
	 * far longer than the rules allow) is refused without being hashed, so that it costs the server nothing.
	 */
	public boolean passwordMatches(long id, String password) {
		if (password == null || password.isEmpty() || password.length() > PasswordRules.MAX_INPUT_CHARS) {
			return false;
		}
		return this.accounts.findPasswordHash(id)
			.map(hash -> this.passwordEncoder.matches(password, hash))
			.orElse(false);
	}

	/**
	 * Makes an invited account active with the password its owner chose at first login.
	 * @return false when the account was not invited (already active, or disabled meanwhile)
	 * @throws InvalidAccountException on the field {@code password} when the rules refuse it
	 */
	@Transactional
	public boolean activate(long id, String password) {
		Account account = existing(id);
		this.passwordRules.check(password, new PasswordContext(account.login(), List.of(account.businessEmail())));
		if (this.accounts.updateStatus(id, AccountStatus.INVITED, AccountStatus.ACTIVE) != 1) {
			return false;
		}
		this.accounts.updatePasswordHash(id, this.passwordEncoder.encode(password));
		this.audit.success(AccountAuditEvent.ACCOUNT_ACTIVATED, id, account.login());
		return true;
	}

	/** Replaces a password hash with one made with the current parameters (after a successful sign-in). */
	@Transactional
	public void upgradePasswordHash(long id, String newHash) {
		this.accounts.updatePasswordHash(id, newHash);
	}

	/**
	 * Deletes an account for good, with what it alone had: its second factors, codes, links, temporary
	 * password and sessions go with its row (their foreign keys cascade), and the modules that keep something
	 * by its login end it on {@link AccountDeleting}. The audit log keeps its events, naming the login only.
	 * An administrator deletes neither their own account nor the last active administrator, so that the
	 * console always keeps someone who can use it; the administrators' rows are locked first, so two who
	 * delete each other at once are decided one after the other.
	 * @param administratorId who deletes it
	 * @throws InvalidAccountException on the field {@code delete} when the account is theirs or the last
	 * active administrator
	 * @throws AccountNotFoundException when there is no such account
	 */
	@Transactional
	public void delete(long id, long administratorId) {
		if (id == administratorId) {
			throw new InvalidAccountException("delete", "console.delete.self");
		}
		this.accounts.lockAdministrators();
		Account account = existing(id);
		if (account.isAdministrator() && this.accounts.countOtherActiveAdministrators(id) == 0) {
			throw new InvalidAccountException("delete", "console.delete.last-administrator");
		}
		this.events.publishEvent(new AccountDeleting(id, account.login()));
		this.auditSubjects.forget(id);
		this.accounts.delete(id);
		this.audit.success(AccountAuditEvent.ACCOUNT_DELETED, null, account.login());
	}

	/**
	 * The ids of the accounts whose login, name or email contains {@code query} (ignoring case), with the role
	 * and status given (null for any), by display name: for a list that filters them further before showing
	 * one page ({@link #findAllById}).
	 */
	public List<Long> searchIds(String query, @Nullable Role role, @Nullable AccountStatus status) {
		String text = (query != null) ? query : "";
		if (!AccountRules.printable(text)) {
			return List.of();
		}
		return this.accounts.searchIds(text, role, status);
	}

	/** The accounts with these ids, in the order of the ids; an id of no account is left out. */
	public List<Account> findAllById(List<Long> ids) {
		Map<Long, Account> found = new HashMap<>();
		this.accounts.findAllById(ids).forEach(account -> found.put(account.id(), account));
		return ids.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	public List<Role> roles() {
		return List.of(Role.values());
	}

	private Account existing(long id) {
		return this.accounts.findById(id).orElseThrow(() -> new AccountNotFoundException(id));
	}

}
