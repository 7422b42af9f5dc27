package org.latchkey.account;

/** An administrator disabled an account: whatever it had open must end. */
public record AccountDisabled(long accountId) {
}
