package org.latchkey.account;

/**
 * What the sign-in needs to check a password: the account's login, role, status and password hash.
 *
 * @param passwordHash the encoded hash, with its algorithm prefix (for example {@code {argon2}...})
 */
public record Credentials(long accountId, String login, Role role, AccountStatus status, String passwordHash) {
}
