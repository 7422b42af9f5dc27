package org.latchkey.account;

/** The fields of an account that an administrator may edit. */
public record AccountDetails(String displayName, String businessEmail, Role role) {
}
