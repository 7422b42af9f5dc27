package org.latchkey.account;

import java.util.Arrays;
import java.util.Optional;

/** What an account may do: use Latchkey to sign in, or also administer it. */
public enum Role {

	USER, ADMINISTRATOR;

	/** The role with this exact name, or empty for any other text (a form field, for example). */
	public static Optional<Role> named(String name) {
		return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
	}

}
