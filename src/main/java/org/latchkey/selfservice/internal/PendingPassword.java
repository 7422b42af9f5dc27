package org.latchkey.selfservice.internal;

import java.io.Serializable;
import java.time.Instant;

import org.latchkey.account.PreparedPassword;

/**
 * A password change waiting, in the session, for the code that confirms it: the new password's hash only,
 * and when the wait ends.
 */
public record PendingPassword(PreparedPassword password, Instant expiresAt) implements Serializable {
}
