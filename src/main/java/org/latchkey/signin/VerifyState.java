package org.latchkey.signin;

import java.time.Instant;

/**
 * What the code page shows: whether the user must first choose a 2FA email (and the business email to
 * suggest), where the code went (masked), when it expires, and whether its delivery is running late.
 */
public record VerifyState(boolean needsEmail, String suggestedEmail, String maskedAddress, Instant codeExpiresAt,
		boolean deliveryDelayed) {
}
