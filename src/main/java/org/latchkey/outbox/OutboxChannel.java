package org.latchkey.outbox;

/**
 * A way out of the server for the messages of the outbox: email, SMS. Each channel is a bean the dispatcher
 * finds by its {@link #name()}, the value stored with each message; it carries one message out or throws, and
 * never retries by itself, the dispatcher does.
 */
public interface OutboxChannel {

	/** The channel's name as stored with its messages ({@code EMAIL}, {@code SMS}); it never changes. */
	String name();

	/**
	 * Carries one message out. Any exception means it was not handed on and will be retried; a
	 * {@link PermanentDeliveryException} means it was refused for good and is given up at once.
	 */
	void send(OutgoingMessage message) throws Exception;

	/** The recipient as the console and the log may show it ({@code a***@example.com}, {@code +33******89}). */
	String mask(String recipient);

}
