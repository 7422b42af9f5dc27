package org.latchkey.mail.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How emails leave the server. The SMTP server itself is configured with Spring Boot's {@code spring.mail.*}
 * properties; the outbox's dispatch settings share the prefix.
 *
 * @param notifier where messages go: {@code file} (one {@code .eml} file each) or {@code smtp}
 * @param from the sender address of every email, optionally with a name ({@code Latchkey <no-reply@example.com>})
 * @param directory where the file notifier writes
 */
@ConfigurationProperties("latchkey.delivery")
public record MailSettings(@DefaultValue("file") NotifierKind notifier,
		@DefaultValue("Latchkey <latchkey@localhost>") String from, @DefaultValue("data/outbox") Path directory) {

	/** The mechanisms that can carry a message out. */
	enum NotifierKind {
		FILE, SMTP
	}

}
