package org.latchkey.testing;

import java.util.concurrent.atomic.AtomicInteger;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;

/**
 * Named people for tests, each created with a login no other test uses, so tests can share an application
 * context and a database without cleaning up.
 */
public final class People {

	/** The password every test person has; long enough for the password rules. */
	public static final String PASSWORD = "correct horse battery staple";

	private static final AtomicInteger sequence = new AtomicInteger();

	private People() {
	}

	/** An active user with {@link #PASSWORD}; her business email is her login at example.com. */
	public static Account alice(AccountManagement accounts) {
		String login = unique("alice");
		return accounts.createActive(new NewAccount(login, "Alice Martin", login + "@example.com", Role.USER),
				PASSWORD);
	}

	/** An active administrator with {@link #PASSWORD}. */
	public static Account ada(AccountManagement accounts) {
		String login = unique("ada");
		return accounts.createActive(
				new NewAccount(login, "Ada Lovelace", login + "@example.com", Role.ADMINISTRATOR), PASSWORD);
	}

	/** An invited user, who has no password yet. */
	public static Account ivan(AccountManagement accounts) {
		String login = unique("ivan");
		return accounts.invite(new NewAccount(login, "Ivan Petrov", login + "@example.com", Role.USER));
	}

	public static String unique(String name) {
		return name + "-" + sequence.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
	}

}
