package org.latchkey.account;

/**
 * What the password step checks a presented password against: the account's credentials, their hash the one of
 * the account's temporary password while one stands.
 *
 * @param temporary whether {@code credentials} carry the temporary password's hash
 */
public record PasswordToCheck(Credentials credentials, boolean temporary) {
}
