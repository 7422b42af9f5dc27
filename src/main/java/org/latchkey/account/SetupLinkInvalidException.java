package org.latchkey.account;

/** The setup link is unknown, expired, already used, or an administrator already exists. */
public class SetupLinkInvalidException extends RuntimeException {

	public SetupLinkInvalidException() {
		super("The setup link is not valid");
	}

}
