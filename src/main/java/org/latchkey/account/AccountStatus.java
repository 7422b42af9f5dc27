package org.latchkey.account;

/** Where an account is in its life: created but never signed in, in use, or switched off by an administrator. */
public enum AccountStatus {
	INVITED, ACTIVE, DISABLED
}
