package org.latchkey.account;

/** An account's password was changed or reset; published inside the transaction that changed it. */
public record PasswordChanged(long accountId) {
}
