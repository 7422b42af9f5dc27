package org.latchkey.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.latchkey.account.internal.AccountSettings;
import org.latchkey.account.internal.Accounts;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.secret.RandomTokens;
import org.latchkey.secret.TokenHasher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first administrator through a one-time setup link: a random token, kept only as a keyed hash,
 * valid for an hour, good once, and only while no administrator exists.
 */
@Service
public class FirstAdministrator {

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final AccountManagement management;

	private final RandomTokens tokens;

	private final TokenHasher hasher;

	private final PasswordRules passwordRules;

	private final AccountSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	FirstAdministrator(JdbcClient jdbc, Accounts accounts, AccountManagement management, RandomTokens tokens,
			TokenHasher hasher, PasswordRules passwordRules, AccountSettings settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.management = management;
		this.tokens = tokens;
		this.hasher = hasher;
		this.passwordRules = passwordRules;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	public boolean isNeeded() {
		return !this.accounts.anyAdministrator();
	}

	/** Replaces any earlier setup token with a new one and returns it (the only time it exists in clear). */
	@Transactional
	public String openSetup() {
		String token = this.tokens.next();
		this.jdbc.sql("DELETE FROM setup_token").update();
		this.jdbc.sql("INSERT INTO setup_token (token_hash, expires_at) VALUES (:hash, :expiresAt)")
			.param("hash", this.hasher.hash(token))
			.param("expiresAt", Timestamp.from(this.clock.instant().plus(this.settings.setupLinkLifetime())))
			.update();
		return token;
	}

	/** Whether the token may still create the first administrator (for showing the form). */
	public boolean isOpen(String token) {
		return isNeeded() && token != null && this.jdbc.sql("""
				SELECT COUNT(*) FROM setup_token
				WHERE token_hash IN (:hashes) AND used_at IS NULL AND expires_at > :now
				""")
			.param("hashes", this.hasher.hashes(token))
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single() == 1;
	}

	/**
	 * Spends the token and creates the administrator, in one transaction: a refused password or login leaves
	 * the token unspent, and a token is spent at most once even when two requests race.
	 * @throws SetupLinkInvalidException when the token is unknown, expired, used, or an administrator exists
	 * @throws InvalidAccountException when a field is refused
	 */
	@Transactional
	public Account create(String token, NewAccount administrator, String password) {
		NewAccount account = AccountRules.check(administrator);
		this.passwordRules.check(password, PasswordContext.of(account));
		if (token == null || !spend(token)) {
			this.audit.record(AccountAuditEvent.SETUP_LINK_REFUSED, AuditOutcome.FAILURE, null, account.login(), null);
			throw new SetupLinkInvalidException();
		}
		Account created = this.management.createActive(
				new NewAccount(account.login(), account.displayName(), account.businessEmail(), Role.ADMINISTRATOR),
				password);
		this.audit.success(AccountAuditEvent.FIRST_ADMINISTRATOR_CREATED, created.id(), created.login());
		return created;
	}

	private boolean spend(String token) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				UPDATE setup_token SET used_at = :now
				WHERE token_hash IN (:hashes) AND used_at IS NULL AND expires_at > :now
				AND NOT EXISTS (SELECT 1 FROM account WHERE role = 'ADMINISTRATOR')
				""")
			.param("now", Timestamp.from(now))
			.param("hashes", this.hasher.hashes(token))
			.update() == 1;
	}

}
