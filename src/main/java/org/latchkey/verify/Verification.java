package org.latchkey.verify;

import java.time.Instant;

/**
 * A verification as the API shows it.
 *
 * @param id its public id ({@code ve_…})
 * @param channel {@code email} or {@code sms}
 * @param to the destination, masked
 * @param triesLeft wrong tries left while pending
 */
public record Verification(String id, VerificationStatus status, String channel, String to, Instant expiresAt,
		int triesLeft) {
}
