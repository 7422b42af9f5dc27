package org.latchkey.mail.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import org.latchkey.mail.DeliveryTarget;
import org.latchkey.outbox.PermanentDeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Hands each message to an SMTP server, configured with Spring Boot's {@code spring.mail.*} properties. */
class SmtpNotifier implements Notifier {

	private static final Logger log = LoggerFactory.getLogger(SmtpNotifier.class);

	/** An SMTP reply: a code from 200 to 599, then a space or a dash. */
	private static final Pattern SMTP_REPLY = Pattern.compile("([2-5])[0-9][0-9][ -]");

	private final JavaMailSender sender;

	private final String from;

	private final Clock clock;

	SmtpNotifier(JavaMailSender sender, String from, Clock clock) {
		this.sender = sender;
		this.from = from;
		this.clock = clock;
	}

	/**
	 * Sends the message; when the server refuses it with a permanent reply (5xx, such as an unknown mailbox),
	 * throws {@link PermanentDeliveryException}, since trying again would get the same answer.
	 */
	@Override
	public void send(OutgoingMail mail) throws MessagingException, PermanentDeliveryException {
		try {
			this.sender.send(mail.fill(this.sender.createMimeMessage(), this.from, this.clock.instant()));
		}
		catch (MailSendException ex) {
			if (refused(ex)) {
				throw new PermanentDeliveryException(ex);
			}
			throw ex;
		}
		log.info("Sent {} through {}", mail, target().destination());
	}

	/** Whether the server answered every failed message with a permanent (5xx) reply. */
	static boolean refused(MailSendException ex) {
		Collection<Exception> failures = ex.getFailedMessages().values();
		return !failures.isEmpty() && failures.stream().allMatch(SmtpNotifier::permanentReply);
	}

	/**
	 * The first SMTP reply in the chain of causes decides: 5xx is permanent, 4xx is not. Jakarta Mail's SMTP
	 * transport reports a refusal as a {@link MessagingException} whose message is the server's reply, code first.
	 */
	private static boolean permanentReply(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Matcher reply = (cause instanceof MessagingException && cause.getMessage() != null)
					? SMTP_REPLY.matcher(cause.getMessage()) : null;
			if (reply != null && reply.lookingAt()) {
				return reply.group(1).equals("5");
			}
		}
		return false;
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
