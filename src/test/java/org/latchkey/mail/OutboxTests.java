package org.latchkey.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.mail.internal.MailSettings;
import org.latchkey.outbox.internal.OutboxDispatcher;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbox with the default file notifier, through the running application, on H2 and on PostgreSQL: a
 * message is stored with the transaction that causes it, sealed, then written as an {@code .eml} file.
 */
@LatchkeyTest
@StorageInvariants
class OutboxTests {

	private static final int RACERS = 4;

	@Autowired
	MailQueue outbox;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailSettings settings;

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private OutboxRows rows;

	@BeforeEach
	void listenToTheLog() {
		this.rows = new OutboxRows(this.jdbc);
		this.logs.start();
		deliveryLogger().addAppender(this.logs);
	}

	@AfterEach
	void stopListening() {
		deliveryLogger().detachAppender(this.logs);
	}

	@Test
	void enqueueOutsideATransactionIsRefused() {
		String recipient = People.unique("nobody") + "@example.com";

		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.enqueue(testMessage(recipient, Locale.ENGLISH, "https://x.example")));
		assertThat(this.rows.countTo(recipient)).isZero();
	}

	@Test
	void messageOfARolledBackTransactionIsNeverStored() {
		String recipient = People.unique("rollback") + "@example.com";

		this.transactions.executeWithoutResult(status -> {
			this.outbox.enqueue(testMessage(recipient, Locale.ENGLISH, "https://x.example"));
			status.setRollbackOnly();
		});

		assertThat(this.rows.countTo(recipient)).isZero();
	}

	@Test
	void messageIsStoredPendingAndSealedInTheCallersTransaction() {
		String marker = marker();

		OutboxRows.Row stored = this.transactions.execute(status -> this.rows.get(this.outbox
			.enqueue(testMessage(People.unique("sealed") + "@example.com", Locale.ENGLISH, marker))));

		assertThat(stored.status()).isEqualTo("PENDING");
		assertThat(stored.attempts()).isZero();
		assertThat(stored.sealedBody()).isNotBlank().doesNotContain(marker).doesNotContain("test message");
	}

	@Test
	void sentMessageIsWrittenAsOneEmlFileWithBothPartsAndItsBodyIsWiped() throws Exception {
		String marker = marker();
		String recipient = People.unique("bob") + "@example.com";

		long id = enqueueAndCommit(testMessage(recipient, Locale.ENGLISH, marker));

		OutboxRows.Row sent = this.rows.awaitStatus(id, "SENT");
		assertThat(sent.attempts()).isOne();
		assertThat(sent.sealedBody()).isNull();
		assertThat(filesOf(id)).hasSize(1);
		MailParts mail = MailParts.read(filesOf(id).get(0));
		assertThat(mail.subject()).isEqualTo("Test message from Latchkey");
		assertThat(mail.recipient()).isEqualTo(recipient);
		assertThat(mail.text()).contains("This is a test message from Latchkey").contains(marker);
		assertThat(mail.html()).contains("<h1>This is a test message from Latchkey</h1>").contains(marker);
	}

	@Test
	void messageIsRenderedInTheLanguageItWasQueuedIn() throws Exception {
		String marker = marker();

		long id = enqueueAndCommit(testMessage(People.unique("chloe") + "@example.fr", Locale.FRENCH, marker));

		this.rows.awaitStatus(id, "SENT");
		MailParts mail = MailParts.read(filesOf(id).get(0));
		assertThat(mail.subject()).isEqualTo("Message de test de Latchkey");
		assertThat(mail.text()).contains("Ceci est un message de test de Latchkey")
			.contains("Envoy\u00e9 par le serveur Latchkey \u00e0 l\u2019adresse " + marker);
		assertThat(mail.html()).contains("lang=\"fr\"").contains("Ceci est un message de test de Latchkey");
	}

	@Test
	void logSaysWhereTheFileIsButNeitherWhatItSaysNorTheFullAddress() {
		String marker = marker();
		String recipient = People.unique("dora") + "@example.com";

		long id = enqueueAndCommit(testMessage(recipient, Locale.ENGLISH, marker));

		this.rows.awaitStatus(id, "SENT");
		List<String> lines = this.logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Wrote message " + id + " to ")
			.endsWith(id + "-test-message.eml"));
		assertThat(String.join("\n", lines)).doesNotContain(marker).doesNotContain(recipient);
	}

	@Test
	void dispatchersRacingForTheSameMessageSendItOnce() throws Exception {
		long id = enqueueAndCommit(testMessage(People.unique("race") + "@example.com", Locale.ENGLISH, marker()));
		ExecutorService nodes = Executors.newFixedThreadPool(RACERS);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> racers = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				racers.add(nodes.submit(() -> {
					start.await();
					this.dispatcher.dispatchDue();
					return null;
				}));
			}
			start.countDown();
			for (Future<?> racer : racers) {
				racer.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			nodes.shutdownNow();
		}

		OutboxRows.Row sent = this.rows.awaitStatus(id, "SENT");
		assertThat(sent.attempts()).isOne();
		assertThat(this.logs.list.stream().map(ILoggingEvent::getFormattedMessage))
			.filteredOn(line -> line.startsWith("Wrote message " + id + " "))
			.hasSize(1);
	}

	private Email testMessage(String recipient, Locale locale, String url) {
		return new Email(recipient, "test-message", locale, Map.of("url", url));
	}

	private long enqueueAndCommit(Email email) {
		return this.transactions.execute(status -> this.outbox.enqueue(email));
	}

	private List<Path> filesOf(long id) throws IOException {
		try (Stream<Path> files = Files.list(this.settings.directory())) {
			return files.filter(file -> file.getFileName().toString().startsWith(id + "-")).toList();
		}
	}

	private static String marker() {
		return "https://" + People.unique("marker") + ".example/";
	}

	private static Logger deliveryLogger() {
		return (Logger) LoggerFactory.getLogger("org.latchkey.mail");
	}

}
