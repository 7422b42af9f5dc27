package org.latchkey.web;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EmailFactors;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users with a 2FA email for the tests of My account, and browsers signed in the whole way: the password,
 * then the code emailed to the 2FA email, read from the mailbox.
 */
final class TwoFactorUsers {

	private final int port;

	private final Mailbox mailbox;

	private final AccountManagement accounts;

	private final EmailFactors emailFactors;

	TwoFactorUsers(int port, Mailbox mailbox, AccountManagement accounts, EmailFactors emailFactors) {
		this.port = port;
		this.mailbox = mailbox;
		this.accounts = accounts;
		this.emailFactors = emailFactors;
	}

	/** A new active user whose 2FA email is {@link #codesAddress}. */
	Account alice() {
		Account alice = People.alice(this.accounts);
		this.emailFactors.set(alice.id(), codesAddress(alice));
		return alice;
	}

	/** The 2FA email {@link #alice()} gives: not the business email, so tests see which one was written to. */
	static String codesAddress(Account account) {
		return "a-" + account.login() + "@example.com";
	}

	/** A new browser signed in with {@link People#PASSWORD} and the code sent to {@link #codesAddress}. */
	Browser signIn(Account account) {
		return signIn(account, People.PASSWORD, codesAddress(account));
	}

	/** A new browser signed in with {@code password} and the code sent to {@code codesGoTo}. */
	Browser signIn(Account account, String password, String codesGoTo) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), password).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(codesGoTo);
		assertThat(browser.get("/login/verify").form("form[action$=/login/verify]").set("code", code).submit()
			.location()).isEqualTo("/");
		return browser;
	}

}
