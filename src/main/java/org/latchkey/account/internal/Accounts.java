package org.latchkey.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountDetails;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Credentials;
import org.latchkey.account.PasswordToCheck;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code account} table. */
@Repository
public class Accounts {

	private static final String COLUMNS = "id, login, display_name, business_email, role, status, created_at";

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(NewAccount account, AccountStatus status, String passwordHash, java.time.Instant now) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO account (login, login_key, display_name, business_email, role, status, password_hash,
					created_at)
				VALUES (:login, :loginKey, :displayName, :email, :role, :status, :passwordHash, :now)
				""")
			.param("login", account.login())
			.param("loginKey", Logins.key(account.login()))
			.param("displayName", account.displayName())
			.param("email", account.businessEmail())
			.param("role", account.role().name())
			.param("status", status.name())
			.param("passwordHash", passwordHash)
			.param("now", Timestamp.from(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public Optional<Account> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
			.param("id", id)
			.query(Accounts::account)
			.optional();
	}

	public Optional<Account> findByLogin(String login) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE login_key = :key")
			.param("key", Logins.key(login))
			.query(Accounts::account)
			.optional();
	}

	/**
	 * The accounts with {@code status} whose login is {@code identifier} or whose business email is
	 * {@code identifier}, both ignoring case; several accounts may share a business email, so at most
	 * {@code limit} of them.
	 */
	public List<Account> findByIdentifier(String identifier, AccountStatus status, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE status = :status"
				+ " AND (login_key = :key OR LOWER(business_email) = :email) ORDER BY id FETCH FIRST :limit ROWS ONLY")
			.param("status", status.name())
			.param("key", Logins.key(identifier))
			.param("email", identifier.strip().toLowerCase(Locale.ROOT))
			.param("limit", limit)
			.query(Accounts::account)
			.list();
	}

	public Optional<Credentials> findCredentials(String login) {
		return this.jdbc.sql("""
				SELECT id, login, role, status, password_hash FROM account
				WHERE login_key = :key AND password_hash IS NOT NULL
				""")
			.param("key", Logins.key(login))
			.query((rs, row) -> new Credentials(rs.getLong("id"), rs.getString("login"),
					Role.valueOf(rs.getString("role")), AccountStatus.valueOf(rs.getString("status")),
					rs.getString("password_hash")))
			.optional();
	}

	public Optional<PasswordToCheck> findPasswordToCheck(String login) {
		return this.jdbc.sql("""
				SELECT a.id, a.login, a.role, a.status, a.password_hash, t.password_hash AS temporary_hash
				FROM account a LEFT JOIN temporary_password t ON t.account_id = a.id
				WHERE a.login_key = :key AND a.password_hash IS NOT NULL
				""")
			.param("key", Logins.key(login))
			.query((rs, row) -> {
				String temporary = rs.getString("temporary_hash");
				return new PasswordToCheck(new Credentials(rs.getLong("id"), rs.getString("login"),
						Role.valueOf(rs.getString("role")), AccountStatus.valueOf(rs.getString("status")),
						(temporary != null) ? temporary : rs.getString("password_hash")), temporary != null);
			})
			.optional();
	}

	public Optional<String> findPasswordHash(long id) {
		return this.jdbc.sql("SELECT password_hash FROM account WHERE id = :id AND password_hash IS NOT NULL")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	public List<Account> search(String query, long offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE " + MATCHES
				+ " ORDER BY display_name, id OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY")
			.param("pattern", pattern(query))
			.param("offset", offset)
			.param("limit", limit)
			.query(Accounts::account)
			.list();
	}

	public long count(String query) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE " + MATCHES)
			.param("pattern", pattern(query))
			.query(Long.class)
			.single();
	}

	private static final String MATCHES = """
			(login_key LIKE :pattern ESCAPE '\\' OR LOWER(display_name) LIKE :pattern ESCAPE '\\'
			OR LOWER(business_email) LIKE :pattern ESCAPE '\\')""";

	private static String pattern(String query) {
		String escaped = Logins.key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	/**
	 * The ids of the accounts whose login, name or email contains {@code query}, with the role and status given
	 * (either may be null for any), in the order of the console's list: by display name.
	 */
	public List<Long> searchIds(String query, @Nullable Role role, @Nullable AccountStatus status) {
		String sql = "SELECT id FROM account WHERE " + MATCHES + ((role != null) ? " AND role = :role" : "")
				+ ((status != null) ? " AND status = :status" : "") + " ORDER BY display_name, id";
		var statement = this.jdbc.sql(sql).param("pattern", pattern(query));
		if (role != null) {
			statement = statement.param("role", role.name());
		}
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(Long.class).list();
	}

	/** The accounts with these ids, in no particular order; ids of no account are left out. */
	public List<Account> findAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id IN (:ids)")
			.param("ids", ids)
			.query(Accounts::account)
			.list();
	}

	/**
	 * Locks the rows of every administrator until the transaction ends, so that two administrators who delete,
	 * disable or demote each other at once are decided one after the other.
	 */
	public void lockAdministrators() {
		this.jdbc.sql("SELECT id FROM account WHERE role = 'ADMINISTRATOR' ORDER BY id FOR UPDATE")
			.query(Long.class)
			.list();
	}

	/** How many active administrators there are besides the account {@code id}. */
	public long countOtherActiveAdministrators(long id) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM account WHERE role = 'ADMINISTRATOR' AND status = 'ACTIVE' AND id <> :id
				""").param("id", id).query(Long.class).single();
	}

	/**
	 * Deletes the account's row; what other modules keep for the account alone goes with it through their
	 * foreign keys' {@code ON DELETE CASCADE}. Returns how many rows went (0 or 1).
	 */
	public int delete(long id) {
		return this.jdbc.sql("DELETE FROM account WHERE id = :id").param("id", id).update();
	}

	public List<Long> activeIds() {
		return this.jdbc.sql("SELECT id FROM account WHERE status = 'ACTIVE' ORDER BY id").query(Long.class).list();
	}

	/** Locks the account's row until the transaction ends; nothing happens when there is no such account. */
	public void lock(long id) {
		this.jdbc.sql("SELECT id FROM account WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	public boolean anyAdministrator() {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE role = 'ADMINISTRATOR'")
			.query(Long.class)
			.single() > 0;
	}

	public int updateDetails(long id, AccountDetails details) {
		return this.jdbc.sql("""
				UPDATE account SET display_name = :displayName, business_email = :email, role = :role WHERE id = :id
				""")
			.param("displayName", details.displayName())
			.param("email", details.businessEmail())
			.param("role", details.role().name())
			.param("id", id)
			.update();
	}

	/** Moves an account between statuses; returns 0 when it was not in the expected one. */
	public int updateStatus(long id, AccountStatus from, AccountStatus to) {
		return this.jdbc.sql("UPDATE account SET status = :to WHERE id = :id AND status = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("id", id)
			.update();
	}

	public int updatePasswordHash(long id, String passwordHash) {
		return this.jdbc.sql("UPDATE account SET password_hash = :hash WHERE id = :id")
			.param("hash", passwordHash)
			.param("id", id)
			.update();
	}

	private static Account account(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getLong("id"), rs.getString("login"), rs.getString("display_name"),
				rs.getString("business_email"), Role.valueOf(rs.getString("role")),
				AccountStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
	}

}
