/**
 * Lockout and throttling across both sign-in steps: consecutive failures per account and browser lock the
 * account on a schedule, failed steps per client address are throttled, device tokens keep a user's own browser
 * apart from whoever guesses, and the owner is told when a lock or a wrong code follows their right password.
 * Every count is kept by the database, so it holds on every node.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lockout")
package org.latchkey.lockout;
