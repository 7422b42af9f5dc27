package org.latchkey.account;

import java.util.List;
import java.util.Objects;

/**
 * What the password rules know about the person who chooses a password, so that their login or one of their
 * email addresses is refused as a password and counts as a guessable word in the strength guidance. Callers
 * pass what they know: the login and the business email today, a second-factor email once there is one.
 *
 * @param login the login of the account
 * @param emails the email addresses of the account, in any order
 */
public record PasswordContext(String login, List<String> emails) {

	public PasswordContext {
		Objects.requireNonNull(login, "login");
		emails = List.copyOf(emails);
	}

	/** The context of an account about to be created: it has a login and a business email. */
	static PasswordContext of(NewAccount account) {
		return new PasswordContext(account.login(), List.of(account.businessEmail()));
	}

}
