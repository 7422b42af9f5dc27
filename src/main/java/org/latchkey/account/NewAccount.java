package org.latchkey.account;

/** What an administrator gives to create an account; it is validated by {@link AccountManagement}. */
public record NewAccount(String login, String displayName, String businessEmail, Role role) {
}
