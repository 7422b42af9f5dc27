package org.latchkey.outbox;

/**
 * A message of the outbox that a channel is about to carry out, with its body opened.
 *
 * @param body what the channel's {@code enqueue} stored, as it stored it
 */
public record OutgoingMessage(long id, String recipient, String template, String body) {

	/** For logs: the id and template, never the recipient in full nor the body. */
	@Override
	public String toString() {
		return "message " + this.id + " (" + this.template + ")";
	}

}
