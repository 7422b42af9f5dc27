package org.latchkey.mail.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message as it will be sent: subject, plain text and HTML. It is kept as JSON, and only ever stored
 * sealed, since it may carry a code or a link.
 */
public record RenderedMail(String subject, String text, String html) {

	public String toJson() {
		return JsonMapper.shared().writeValueAsString(this);
	}

	/** Keeps the content out of logs and exception messages. */
	@Override
	public String toString() {
		return "RenderedMail[content not shown]";
	}

	public static RenderedMail fromJson(String json) {
		try {
			return JsonMapper.shared().readValue(json, RenderedMail.class);
		}
		catch (JacksonException ex) {
			// the text may hold the message itself: keep it out of the exception
			throw new IllegalStateException("A stored message body is not readable");
		}
	}

}
