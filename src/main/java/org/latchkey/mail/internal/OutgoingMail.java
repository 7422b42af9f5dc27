package org.latchkey.mail.internal;

import java.time.Instant;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.latchkey.system.Masks;

import org.springframework.mail.javamail.MimeMessageHelper;

/** A message of the outbox that a notifier is about to carry out, with its body opened. */
record OutgoingMail(long id, String recipient, String template, RenderedMail content) {

	/** Fills a MIME message with both parts (text and HTML, as alternatives), addressed from {@code from}. */
	MimeMessage fill(MimeMessage message, String from, Instant date) throws MessagingException {
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(from);
		helper.setTo(this.recipient);
		helper.setSubject(this.content.subject());
		helper.setSentDate(Date.from(date));
		helper.setText(this.content.text(), this.content.html());
		message.saveChanges();
		return message;
	}

	/** For logs: the id, template and masked recipient, never the content. */
	@Override
	public String toString() {
		return "message " + this.id + " (" + this.template + ") to " + Masks.email(this.recipient);
	}

}
