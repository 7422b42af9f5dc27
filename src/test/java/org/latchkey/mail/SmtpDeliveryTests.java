package org.latchkey.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.latchkey.outbox.Outbox;
import org.latchkey.outbox.internal.DeliverySettings;
import org.latchkey.outbox.internal.OutboxDispatcher;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The outbox loses nothing: with a real SMTP server (GreenMail) that is down, then back, on H2 and on
 * PostgreSQL. The application talks to an SMTP port of its own, free when the class starts, where each test
 * starts and stops the server it needs.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH, "latchkey.delivery.max-attempts=3" })
class SmtpDeliveryTests extends ApplicationScenarios {

	@Autowired
	Outbox outbox;

	@Autowired
	MailQueue mail;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	DeliverySettings settings;

	@Autowired
	TransactionTemplate transactions;

	private static final int SMTP_PORT = freePort();

	private GreenMail smtpServer;

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterEach
	void stopSmtpServer() {
		if (this.smtpServer != null) {
			this.smtpServer.stop();
		}
	}

	@Test
	void messageStaysPendingWhileTheServerIsDownAndIsDeliveredExactlyOnceWhenItIsBack() throws Exception {
		OutboxRows rows = new OutboxRows(this.jdbc);
		String marker = marker();
		String recipient = People.unique("erin") + "@example.com";
		long id = enqueueAndCommit(recipient, marker);

		OutboxRows.Row firstFailure = rows.awaitAttempts(id, 1);
		assertThat(firstFailure.status()).isEqualTo("PENDING");
		assertThat(firstFailure.lastError()).startsWith("MailSendException").contains("Connection refused");
		assertThat(firstFailure.sealedBody()).isNotNull().doesNotContain(marker);
		assertThat(firstFailure.nextAttemptAt()).isAfter(this.clock.instant());

		this.clock.advance(this.settings.retryDelay());
		OutboxRows.Row secondFailure = rows.awaitAttempts(id, 2);
		assertThat(secondFailure.status()).isEqualTo("PENDING");
		assertThat(secondFailure.attempts()).isEqualTo(2);
		assertThat(secondFailure.nextAttemptAt()).as("the delay doubles")
			.isCloseTo(this.clock.instant().plus(this.settings.retryDelay().multipliedBy(2)),
					within(1, ChronoUnit.MILLIS));

		startSmtpServer();
		this.clock.advance(this.settings.retryDelay().multipliedBy(2));
		OutboxRows.Row sent = rows.awaitStatus(id, "SENT");

		assertThat(sent.attempts()).isEqualTo(3);
		assertThat(sent.sealedBody()).isNull();
		assertThat(this.smtpServer.getReceivedMessages()).hasSize(1);
		MailParts received = MailParts.of(this.smtpServer.getReceivedMessages()[0]);
		assertThat(received.recipient()).isEqualTo(recipient);
		assertThat(received.subject()).isEqualTo("Test message from Latchkey");
		assertThat(received.text()).contains(marker);
		assertThat(received.html()).contains(marker);

		this.clock.advance(Duration.ofHours(2));
		this.dispatcher.dispatchDue();
		assertThat(this.smtpServer.getReceivedMessages()).hasSize(1);
		assertThat(rows.get(id).attempts()).isEqualTo(3);
	}

	@Test
	void messageIsGivenUpAndAuditedAfterItsLastAttemptThenSentWhenRetried() throws Exception {
		OutboxRows rows = new OutboxRows(this.jdbc);
		String recipient = People.unique("frank") + "@example.com";
		long id = enqueueAndCommit(recipient, marker());
		rows.awaitAttempts(id, 1);
		this.clock.advance(this.settings.retryDelay());
		rows.awaitAttempts(id, 2);
		this.clock.advance(this.settings.retryDelay().multipliedBy(2));

		OutboxRows.Row failed = rows.awaitStatus(id, "FAILED");
		this.clock.advance(Duration.ofDays(1));
		this.dispatcher.dispatchDue();

		assertThat(rows.get(id).attempts()).isEqualTo(3).isEqualTo(failed.attempts());
		assertThat(failed.lastError()).contains("Connection refused");
		assertThat(this.jdbc.sql("SELECT detail FROM audit_event WHERE event = 'MESSAGE_FAILED'")
			.query(String.class)
			.list()).contains("message " + id + " (test-message) to " + recipient.charAt(0)
					+ "***@example.com after 3 attempts");

		startSmtpServer();
		assertThat(this.outbox.retry(id)).isTrue();
		assertThat(rows.awaitStatus(id, "SENT").sealedBody()).isNull();
		assertThat(this.smtpServer.getReceivedMessages()).hasSize(1);
		assertThat(this.outbox.retry(id)).isFalse();
	}

	@Test
	void messageThatTheServerRefusesForGoodIsFailedAtOnceAndNotRetried() throws Exception {
		OutboxRows rows = new OutboxRows(this.jdbc);
		String recipient = People.unique("gone") + "@example.com";
		try (RefusingSmtpServer ignored = new RefusingSmtpServer(SMTP_PORT, "550 5.1.1 No such user here")) {
			long id = enqueueAndCommit(recipient, marker());

			OutboxRows.Row failed = rows.awaitStatus(id, "FAILED");

			assertThat(failed.attempts()).isEqualTo(1);
			assertThat(failed.lastError()).contains("550 5.1.1 No such user here").doesNotContain(recipient);
			assertThat(this.jdbc.sql("SELECT detail FROM audit_event WHERE event = 'MESSAGE_FAILED'")
				.query(String.class)
				.list()).contains("message " + id + " (test-message) to " + recipient.charAt(0)
						+ "***@example.com refused");
			this.clock.advance(Duration.ofHours(2));
			this.dispatcher.dispatchDue();
			assertThat(rows.get(id).attempts()).isEqualTo(1);
		}
	}

	@Test
	void messageThatTheServerDefersIsRetried() throws Exception {
		OutboxRows rows = new OutboxRows(this.jdbc);
		try (RefusingSmtpServer ignored = new RefusingSmtpServer(SMTP_PORT, "450 4.2.1 Mailbox busy, try later")) {
			long id = enqueueAndCommit(People.unique("busy") + "@example.com", marker());

			OutboxRows.Row deferred = rows.awaitAttempts(id, 1);

			assertThat(deferred.status()).isEqualTo("PENDING");
			assertThat(deferred.lastError()).contains("450 4.2.1 Mailbox busy");
		}
	}

	private long enqueueAndCommit(String recipient, String url) {
		return this.transactions.execute(status -> this.mail
			.enqueue(new Email(recipient, "test-message", Locale.ENGLISH, Map.of("url", url))));
	}

	private void startSmtpServer() {
		this.smtpServer = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtpServer.start();
	}

	private static String marker() {
		return "https://" + People.unique("code") + ".example/";
	}

	/** An SMTP server that accepts the sender and answers every recipient with one reply, such as a 550. */
	static final class RefusingSmtpServer implements AutoCloseable {

		private final ServerSocket socket;

		private final String reply;

		private final Thread thread;

		RefusingSmtpServer(int port, String reply) throws IOException {
			this.socket = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
			this.reply = reply;
			this.thread = new Thread(this::serve, "refusing-smtp");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (Socket client = this.socket.accept();
						BufferedReader in = new BufferedReader(
								new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
						Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
					answer(out, "220 localhost ESMTP refusing");
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						String command = line.toUpperCase(Locale.ROOT);
						if (command.startsWith("RCPT")) {
							answer(out, this.reply);
						}
						else if (command.startsWith("QUIT")) {
							answer(out, "221 bye");
							break;
						}
						else if (command.startsWith("DATA")) {
							answer(out, "503 5.5.1 No valid recipients");
						}
						else {
							answer(out, "250 ok");
						}
					}
				}
				catch (IOException ex) {
					// closed by the test, or the client hung up: serve the next one, if any
				}
			}
		}

		private static void answer(Writer out, String line) throws IOException {
			out.write(line + "\r\n");
			out.flush();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
