package org.latchkey.signin;

import java.time.Instant;

/**
 * What the code page shows: whether the user must first choose a 2FA email (and the business email to
 * suggest), and the code waiting for this sign-in, if any (where it went, until when, how its delivery goes).
 */
public record VerifyState(boolean needsEmail, String suggestedEmail, CodeState code) {
}
