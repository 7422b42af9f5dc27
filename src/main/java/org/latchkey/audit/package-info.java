/**
 * The append-only log of security events: who did what to whom, from where, and with which outcome.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.latchkey.audit;
