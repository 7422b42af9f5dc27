package org.latchkey.signin;

import java.time.Instant;

/**
 * What a page that asks for a code shows: where the code went (masked), until when it works ({@code null}
 * when no code is waiting and one must be asked for), and whether its delivery is running late.
 */
public record CodeState(String maskedAddress, Instant expiresAt, boolean deliveryDelayed) {
}
