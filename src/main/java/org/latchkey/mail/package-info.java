/**
 * Email: a message is rendered from its templates in the recipient's language, queued in the outbox in the
 * caller's transaction, and carried out by the notifier chosen at start, to {@code .eml} files (the embedded
 * default) or to an SMTP server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package org.latchkey.mail;
