package org.latchkey.account;

/** What an account may do: use Latchkey to sign in, or also administer it. */
public enum Role {
	USER, ADMINISTRATOR
}
