package org.latchkey.factor;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One of a user's passkeys as My account and the console list it.
 *
 * @param id its number, to name it in a removal
 * @param name what the user called it ("Work laptop")
 * @param synced whether the authenticator said it may be backed up (a synced passkey), rather than bound to
 * one device
 * @param lastUsedAt null until it is first used to sign in
 */
public record Passkey(long id, String name, boolean synced, Instant createdAt, @Nullable Instant lastUsedAt) {
}
