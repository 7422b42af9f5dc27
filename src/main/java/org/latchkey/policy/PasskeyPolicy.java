package org.latchkey.policy;

/**
 * The administrator's two passkey switches, both off on a fresh install.
 *
 * @param signInWithoutPassword whether a passkey that verified its user (PIN, biometrics) signs in on its own
 * from the sign-in page, as two factors in one
 * @param administratorsNeedPasskey whether administrators must sign in with a passkey, the phishing-resistant
 * method: their other methods are not offered at sign-in
 */
public record PasskeyPolicy(boolean signInWithoutPassword, boolean administratorsNeedPasskey) {
}
