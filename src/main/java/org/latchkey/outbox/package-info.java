/**
 * The transactional outbox every outgoing message goes through, whatever its channel: a message is stored,
 * sealed, in the transaction of the change that causes it, then dispatched by a background worker with retries
 * and exponential back-off through the channel that carries it. Nothing is lost when delivery fails, and every
 * message's status is visible in the console. The channels (email, SMS) implement {@link
 * org.latchkey.outbox.OutboxChannel} and depend on the outbox, never the other way round.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outbox")
package org.latchkey.outbox;
