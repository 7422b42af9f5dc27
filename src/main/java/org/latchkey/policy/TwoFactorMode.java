package org.latchkey.policy;

/**
 * Whether a second factor is asked at sign-in: never, only of users who turned it on for themselves, or of
 * everyone.
 */
public enum TwoFactorMode {
	OFF, OPTIONAL, REQUIRED
}
