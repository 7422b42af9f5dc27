/**
 * Getting back in: password reset by link (asked for on the sign-in page, or sent by an administrator), a
 * temporary password replaced by one the user chooses, and an administrator's resets of the 2FA email and of a
 * second factor; each ends the account's sessions and tells its owner by email.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recovery")
package org.latchkey.recovery;
