package org.latchkey.mail.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.latchkey.mail.DeliveryTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The embedded default: writes each message as an RFC 822 {@code .eml} file, named {@code <id>-<template>.eml},
 * that any mail program opens. The log says where the file is, never what it says.
 */
class FileNotifier implements Notifier {

	private static final Logger log = LoggerFactory.getLogger(FileNotifier.class);

	private final Path directory;

	private final String from;

	private final Clock clock;

	/**
	 * Only makes messages, never sends: built once, it reads Spring's table of MIME types once, where a message
	 * of a bare {@code Session} would have each message read it again.
	 */
	private final JavaMailSenderImpl messages = new JavaMailSenderImpl();

	FileNotifier(Path directory, String from, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.from = from;
		this.clock = clock;
	}

	@Override
	public void send(OutgoingMail mail) throws IOException, MessagingException {
		MimeMessage message = mail.fill(this.messages.createMimeMessage(), this.from, this.clock.instant());
		Files.createDirectories(this.directory);
		Path file = this.directory.resolve(mail.id() + "-" + mail.template() + ".eml");
		// a retry after a crash mid-write replaces the partial file rather than adding a second one
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			message.writeTo(out);
		}
		log.info("Wrote message {} to {}", mail.id(), file);
	}

	@Override
	public DeliveryTarget target() {
		return new DeliveryTarget("file", this.directory.toString());
	}

}
