package org.latchkey.verify;

/**
 * The answer to a code checked against a verification.
 *
 * @param status {@link VerificationStatus#APPROVED} or {@link VerificationStatus#DENIED}
 * @param triesLeft wrong tries left after a denied code (0 once the verification no longer works)
 * @param reason why it was denied ({@code wrong_code}, {@code expired}, {@code max_attempts_reached},
 * {@code canceled}, {@code already_approved}), or {@code null} when approved
 */
public record VerificationCheck(String id, VerificationStatus status, int triesLeft, String reason) {
}
