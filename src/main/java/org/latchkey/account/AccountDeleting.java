package org.latchkey.account;

/**
 * Published inside the transaction that deletes an account, before its row goes, so that what other modules
 * keep by the account's login rather than its id (sessions, applications' grants) ends in the same
 * transaction. What they keep by its id goes with the row, through their foreign keys' cascade.
 *
 * @param accountId the account being deleted
 * @param login its login, which the audit log goes on naming
 */
public record AccountDeleting(long accountId, String login) {
}
