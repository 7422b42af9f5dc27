package org.latchkey.factor;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latchkey.account.AccountManagement;
import org.latchkey.secret.TokenHasher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery codes: ten single-use codes a user keeps on paper for the day they lose their other second factor.
 * Each is 16 characters from a 32-letter alphabet (80 bits from {@link SecureRandom}), shown in four groups of
 * four for reading aloud; only its keyed hash is stored. A code is spent by one conditional UPDATE whose row
 * count decides, so it works once on every node. A new set replaces the whole previous one.
 */
@Service
public class RecoveryCodes {

	/** How many codes a set holds. */
	public static final int SET_SIZE = 10;

	/** Crockford's Base32: no I, L, O or U, so that nothing read aloud or copied by hand is ambiguous. */
	static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	static final int LENGTH = 16;

	private final JdbcClient jdbc;

	private final TokenHasher hasher;

	private final AccountManagement accounts;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RecoveryCodes(JdbcClient jdbc, TokenHasher hasher, AccountManagement accounts, Clock clock) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Makes a new set for the account, replacing the previous one (its codes stop working in this same
	 * transaction), and returns the codes, grouped for reading, to be shown once and never again.
	 */
	@Transactional
	public List<String> replace(long accountId) {
		this.accounts.lock(accountId);
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("DELETE FROM recovery_code WHERE account_id = :id").param("id", accountId).update();
		this.jdbc.sql("DELETE FROM recovery_code_set WHERE account_id = :id").param("id", accountId).update();
		this.jdbc.sql("INSERT INTO recovery_code_set (account_id, created_at) VALUES (:id, :now)")
			.param("id", accountId)
			.param("now", now)
			.update();
		List<String> codes = new ArrayList<>(SET_SIZE);
		for (int i = 0; i < SET_SIZE; i++) {
			String code = draw();
			this.jdbc.sql("INSERT INTO recovery_code (account_id, code_hash) VALUES (:id, :hash)")
				.param("id", accountId)
				.param("hash", this.hasher.hash(code))
				.update();
			codes.add(grouped(code));
		}
		return codes;
	}

	/** Records that the owner said they saved the set shown to them. */
	public void markSaved(long accountId) {
		this.jdbc.sql("UPDATE recovery_code_set SET saved_at = :now WHERE account_id = :id AND saved_at IS NULL")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", accountId)
			.update();
	}

	/** Whether the account has a set its owner said they saved. */
	public boolean hasSavedSet(long accountId) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM recovery_code_set WHERE account_id = :id AND saved_at IS NOT NULL
				""").param("id", accountId).query(Long.class).single() > 0;
	}

	/** How many codes of the account's set are still unused. */
	public int remaining(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE account_id = :id AND used_at IS NULL")
			.param("id", accountId)
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * Spends a recovery code of the account, typed in any case, with or without its spaces and dashes.
	 * @return true when it was one of the account's unused codes: it is now used, on every node
	 */
	@Transactional
	public boolean spend(long accountId, String typed) {
		String code = normalised(typed);
		if (code.length() != LENGTH) {
			return false;
		}
		return this.jdbc.sql("""
				UPDATE recovery_code SET used_at = :now
				WHERE account_id = :id AND code_hash IN (:hashes) AND used_at IS NULL
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", accountId)
			.param("hashes", this.hasher.hashes(code))
			.update() == 1;
	}

	/** Forgets the account's set: an administrator's reset of the account's second factors. */
	@Transactional
	public void remove(long accountId) {
		this.jdbc.sql("DELETE FROM recovery_code WHERE account_id = :id").param("id", accountId).update();
		this.jdbc.sql("DELETE FROM recovery_code_set WHERE account_id = :id").param("id", accountId).update();
	}

	/** Upper case, separators dropped, and the letters people mistake for digits read as those digits. */
	static String normalised(String typed) {
		if (typed == null || typed.length() > 64) {
			return "";
		}
		StringBuilder code = new StringBuilder(LENGTH);
		for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
			char read = switch (c) {
				case 'O' -> '0';
				case 'I', 'L' -> '1';
				default -> c;
			};
			if (ALPHABET.indexOf(read) >= 0) {
				code.append(read);
			}
			else if (read != ' ' && read != '-') {
				return "";
			}
		}
		return code.toString();
	}

	private String draw() {
		char[] code = new char[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			code[i] = ALPHABET.charAt(this.random.nextInt(ALPHABET.length()));
		}
		return new String(code);
	}

	private static String grouped(String code) {
		return code.replaceAll("(.{4})(?!$)", "$1-");
	}

}
