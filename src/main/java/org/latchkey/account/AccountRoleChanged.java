package org.latchkey.account;

/** An administrator changed an account's role: sessions opened with the old role must end. */
public record AccountRoleChanged(long accountId, Role from, Role to) {
}
