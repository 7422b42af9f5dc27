package org.latchkey.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latchkey.account.Account;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.testing.Browser.Page;

/**
 * Signing test people in through the pages, with the code read from the mailbox when a second factor is
 * owed, and reading the links Latchkey emails them.
 */
public final class SignIns {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private SignIns() {
	}

	/** Where the codes of a person given a 2FA email by {@link #withTwoFactorEmail} go. */
	public static String twoFactorAddress(Account account) {
		return "2fa-" + account.login() + "@example.com";
	}

	/** Gives the account a 2FA email, as if its owner had proven it with a code. */
	public static Account withTwoFactorEmail(EmailFactors emailFactors, Account account) {
		emailFactors.set(account.id(), twoFactorAddress(account));
		return account;
	}

	/**
	 * Turns 2FA on for the account, as its owner does on My account: while 2FA is optional, its sign-in then asks
	 * for a second factor.
	 */
	public static Account turnedOn(TwoFactorOptIns optIns, Account account) {
		optIns.turnOn(account.id());
		return account;
	}

	/** A browser signed in as the account, through the code page when the policy owes a second factor. */
	public static Browser signedIn(int port, Account account, String password, Mailbox mailbox) {
		Browser browser = new Browser(port);
		Page answer = browser.signIn(account.login(), password);
		if ("/login/verify".equals(answer.location())) {
			answer = submitCode(browser, mailbox.nextCode(twoFactorAddress(account)));
		}
		if (!"/".equals(answer.location())) {
			throw new AssertionError("Sign-in failed: " + answer.location());
		}
		return browser;
	}

	/** Submits a code on the code page. */
	public static Page submitCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify]").set("code", code).submit();
	}

	/** The first link in the next message to {@code address}. */
	public static String nextLink(Mailbox mailbox, String address) {
		String text = Mailbox.text(mailbox.next(address));
		Matcher link = LINK.matcher(text);
		if (!link.find()) {
			throw new AssertionError("No link in the message to " + address + ":\n" + text);
		}
		return link.group();
	}

}
