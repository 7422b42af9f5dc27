package org.latchkey.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.outbox.internal.ImmediateDispatch;
import org.latchkey.outbox.internal.OutboxDispatcher;
import org.latchkey.testing.AtOnce;
import org.latchkey.testing.People;
import org.latchkey.testing.SharedServers;
import org.latchkey.testing.TwoNodes;
import org.latchkey.testing.TwoNodes.Node;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of Latchkey on one PostgreSQL database, each handing its new messages to its dispatcher as they
 * commit and polling the outbox every 100 ms, while the test polls on both as well: every message reaches the
 * mail server exactly once. A node that stops hands over nothing more, and what it leaves is sent by the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedServers.class)
class TwoNodeDeliveryTests {

	private static final int MESSAGES = 40;

	private static final int PER_TRANSACTION = 5;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static TwoNodes nodes;

	@BeforeAll
	static void startTwoNodes() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	@Test
	@Order(1)
	void messagesQueuedOnBothNodesWhileBothDispatchAreEachDeliveredOnce() throws Exception {
		List<String> recipients = recipients("both", MESSAGES);
		List<Callable<Void>> racers = new ArrayList<>();
		for (int from = 0; from < MESSAGES; from += PER_TRANSACTION) {
			List<String> batch = recipients.subList(from, from + PER_TRANSACTION);
			Node node = nodes.forStep(from / PER_TRANSACTION);
			racers.add(() -> enqueue(node, batch));
		}
		for (Node node : List.of(nodes.first(), nodes.second(), nodes.first(), nodes.second())) {
			racers.add(() -> pollUntilSent(node, recipients));
		}

		AtOnce.all(racers);

		assertEachDeliveredOnce(recipients);
	}

	@Test
	@Order(2)
	void messagesLeftByAStoppingNodeAreSentOnceByTheOther() {
		List<String> recipients = recipients("stopping", 10);
		Node stopping = nodes.second();
		ImmediateDispatch handOff = stopping.bean(ImmediateDispatch.class);

		enqueue(stopping, recipients);
		stopping.close();

		assertThat(handOff.isRunning()).isFalse();
		await().atMost(PATIENCE).until(() -> sentCount(recipients) == recipients.size());
		assertEachDeliveredOnce(recipients);
	}

	private static List<String> recipients(String name, int count) {
		String prefix = People.unique(name);
		return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i + "@example.com").toList();
	}

	/** Queues one test message to each recipient, all in one transaction of the node. */
	private static Void enqueue(Node node, List<String> recipients) {
		MailQueue mail = node.bean(MailQueue.class);
		node.bean(TransactionTemplate.class)
			.executeWithoutResult(status -> recipients.forEach(recipient -> mail
				.enqueue(new Email(recipient, "test-message", Locale.ENGLISH, Map.of("url", "https://x.example/")))));
		return null;
	}

	/** Runs the node's poll over and over, as a third and fourth dispatcher, until every message is sent. */
	private static Void pollUntilSent(Node node, List<String> recipients) {
		OutboxDispatcher dispatcher = node.bean(OutboxDispatcher.class);
		Instant deadline = Instant.now().plus(PATIENCE);
		while (sentCount(recipients) < recipients.size() && Instant.now().isBefore(deadline)) {
			dispatcher.dispatchDue();
		}
		return null;
	}

	private static long sentCount(List<String> recipients) {
		return nodes.first()
			.jdbc()
			.sql("SELECT COUNT(*) FROM outbox_message WHERE recipient IN (:recipients) AND status = 'SENT'")
			.param("recipients", recipients)
			.query(Long.class)
			.single();
	}

	/** Every message marked sent after one attempt, and in the mailbox once: a send ends before it is marked. */
	private static void assertEachDeliveredOnce(List<String> recipients) {
		assertThat(sentCount(recipients)).isEqualTo(recipients.size());
		assertThat(nodes.first()
			.jdbc()
			.sql("SELECT attempts FROM outbox_message WHERE recipient IN (:recipients)")
			.param("recipients", recipients)
			.query(Integer.class)
			.list()).hasSize(recipients.size()).containsOnly(1);
		for (String recipient : recipients) {
			assertThat(nodes.mailbox().count(recipient)).as(recipient).isOne();
		}
	}

}
