package org.latchkey.account;

/** No account has the given id; pages answer 404. */
public class AccountNotFoundException extends RuntimeException {

	public AccountNotFoundException(long id) {
		super("No account with id " + id);
	}

}
