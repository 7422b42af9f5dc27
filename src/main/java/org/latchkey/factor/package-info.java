/**
 * Second factors: one-time code challenges (issue, check, expire, count attempts, single use) shared by the
 * channels that carry codes, the 2FA email each user proves they can read, and authenticator apps (TOTP).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Factors")
package org.latchkey.factor;
