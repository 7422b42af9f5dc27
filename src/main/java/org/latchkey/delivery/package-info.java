/**
 * Outgoing messages through a transactional outbox: a message is rendered and stored, sealed, in the
 * transaction of the change that causes it, then dispatched by a background worker with retries and
 * exponential back-off, to files (the embedded default) or to an SMTP server. Nothing is lost when delivery
 * fails, and every message's status is visible in the console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package org.latchkey.delivery;
