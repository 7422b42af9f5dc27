/**
 * SMS: the provider an administrator configures (none, Twilio, or a generic HTTP API) with its secrets sealed,
 * the caps per account, per number and per hour, the allowed countries, and the texts; an SMS is queued in the
 * outbox in the caller's transaction and carried out to the provider configured when it is sent.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SMS")
package org.latchkey.sms;
