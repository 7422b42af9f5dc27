package org.latchkey.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** What a person's mail program would show of a message: subject, plain-text part and HTML part. */
record MailParts(String subject, String recipient, String text, String html) {

	static MailParts read(Path eml) throws IOException, MessagingException {
		try (InputStream in = Files.newInputStream(eml)) {
			return of(new MimeMessage(Session.getInstance(new Properties()), in));
		}
	}

	static MailParts of(MimeMessage message) throws IOException, MessagingException {
		StringBuilder text = new StringBuilder();
		StringBuilder html = new StringBuilder();
		collect(message, text, html);
		return new MailParts(message.getSubject(), message.getAllRecipients()[0].toString(), text.toString(),
				html.toString());
	}

	private static void collect(Part part, StringBuilder text, StringBuilder html)
			throws IOException, MessagingException {
		if (part.isMimeType("text/plain")) {
			text.append(part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			html.append(part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collect(child, text, html);
			}
		}
	}

}
