package org.latchkey.delivery;

import java.time.Clock;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Hands each message to an SMTP server, configured with Spring Boot's {@code spring.mail.*} properties. */
class SmtpNotifier implements Notifier {

	private static final Logger log = LoggerFactory.getLogger(SmtpNotifier.class);

	private final JavaMailSender sender;

	private final String from;

	private final Clock clock;

	SmtpNotifier(JavaMailSender sender, String from, Clock clock) {
		this.sender = sender;
		this.from = from;
		this.clock = clock;
	}

	@Override
	public void send(OutgoingMail mail) throws MessagingException {
		this.sender.send(mail.fill(this.sender.createMimeMessage(), this.from, this.clock.instant()));
		log.info("Sent {} through {}", mail, target().destination());
	}

	@Override
	public DeliveryTarget target() {
		if (this.sender instanceof JavaMailSenderImpl server) {
			return new DeliveryTarget("smtp",
					(server.getPort() > 0) ? server.getHost() + ":" + server.getPort() : server.getHost());
		}
		return new DeliveryTarget("smtp", "JNDI");
	}

}
