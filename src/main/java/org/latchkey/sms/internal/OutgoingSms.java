package org.latchkey.sms.internal;

import org.latchkey.system.Masks;

/** An SMS of the outbox that a provider client is about to carry out, with its text opened. */
record OutgoingSms(long id, String to, String template, String text) {

	/** For logs: the id, template and masked number, never the text. */
	@Override
	public String toString() {
		return "message " + this.id + " (" + this.template + ") to " + Masks.phone(this.to);
	}

}
