package org.latchkey.factor;

/**
 * A code sent to a destination outside any account (the Verify API), or why none was.
 *
 * @param challengeId the stored code's id, to check, cancel or read it; 0 when none was sent
 * @param sent whether it went out, where (masked) and until when it works
 */
public record DestinationCode(long challengeId, CodeSent sent) {
}
