package org.latchkey.mail;

/**
 * Where outgoing messages go, as the console shows it.
 *
 * @param notifier {@code file} or {@code smtp}
 * @param destination the directory written to, or the SMTP server's {@code host:port}
 */
public record DeliveryTarget(String notifier, String destination) {
}
