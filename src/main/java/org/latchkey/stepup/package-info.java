/**
 * Step-up: a fresh second factor for a signed-in person, when an application demands one at sign-in or a
 * sensitive action on My account does, with the fresh codes those actions send and check once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Step-up")
package org.latchkey.stepup;
