package org.latchkey.factor;

/**
 * A pending authenticator-app secret, as shown once to its owner: the Base32 secret in groups of four for
 * typing, and the {@code otpauth://} URI the QR code carries.
 */
public record TotpEnrolment(String secret, String groupedSecret, String uri) {
}
