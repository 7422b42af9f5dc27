package org.latchkey.testing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that the applications under test send their email to, one per JVM on a free
 * port, started once for the whole test run. Tests read each recipient's messages in order, waiting for the
 * dispatcher. Test people have unique addresses, so tests sharing a server never read each other's mail.
 */
public final class Mailbox {

	/**
	 * The properties that send an application's email over SMTP, to the mailbox {@link SharedServers} points it at,
	 * and dispatch it at once.
	 */
	public static final String SMTP = "latchkey.delivery.notifier=smtp";

	public static final String FAST_DISPATCH = "latchkey.delivery.poll-interval=100ms";

	private static Mailbox shared;

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final Pattern SECRET = Pattern.compile("\\b(\\d{6})\\b|token=([A-Za-z0-9_-]+)");

	private final GreenMail server;

	private final Map<String, Integer> read = new ConcurrentHashMap<>();

	private Mailbox() {
		this.server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		this.server.start();
	}

	/** The mailbox of this JVM, started on a free port the first time it is asked for. */
	public static synchronized Mailbox shared() {
		if (shared == null) {
			shared = new Mailbox();
		}
		return shared;
	}

	/** Stops the mailbox of this JVM, if it was started. */
	static synchronized void closeShared() {
		if (shared != null) {
			shared.server.stop();
			shared = null;
		}
	}

	/** The SMTP port the mailbox listens on. */
	public int port() {
		return this.server.getSmtp().getPort();
	}

	/** The next message to {@code address} not read yet, waiting up to ten seconds for it. */
	public MimeMessage next(String address) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		int alreadyRead = this.read.getOrDefault(address, 0);
		while (Instant.now().isBefore(deadline)) {
			List<MimeMessage> messages = to(address);
			if (messages.size() > alreadyRead) {
				this.read.put(address, alreadyRead + 1);
				rememberSecretsOf(messages.get(alreadyRead));
				return messages.get(alreadyRead);
			}
			sleep();
		}
		throw new AssertionError("No new message to " + address + " within ten seconds");
	}

	/** Hands the codes and link tokens of a message to {@link Secrets}. */
	private static void rememberSecretsOf(MimeMessage message) {
		String text = text(message);
		for (Matcher secret = SECRET.matcher(text); secret.find();) {
			Secrets.seen((secret.group(1) != null) ? secret.group(1) : secret.group(2));
		}
	}

	/** The six-digit code of the next message to {@code address}. */
	public String nextCode(String address) {
		Matcher code = CODE.matcher(text(next(address)));
		if (!code.find()) {
			throw new AssertionError("No code in the message to " + address);
		}
		return code.group(1);
	}

	/** The plain-text part of a message, as a mail program shows it. */
	public static String text(Part part) {
		try {
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					text.append(text(multipart.getBodyPart(i)));
				}
				return text.toString();
			}
			return "";
		}
		catch (MessagingException | IOException ex) {
			throw new AssertionError("Unreadable message", ex);
		}
	}

	/** How many messages {@code address} received so far. */
	public int count(String address) {
		return to(address).size();
	}

	private List<MimeMessage> to(String address) {
		return Arrays.stream(this.server.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
