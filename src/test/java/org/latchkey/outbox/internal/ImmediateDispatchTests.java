package org.latchkey.outbox.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.FreshDataSources;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off of new messages to the dispatcher on its own, with real threads and real transactions: a message
 * goes when its transaction commits, after those the transaction stored before it, and never when it rolls back;
 * stopping sends what was handed over, then
 * refuses more; a full queue or a stop that runs out of patience drops messages, which stay for the poll, and
 * never holds up the commit.
 */
class ImmediateDispatchTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final Sends sends = new Sends();

	private final SingleConnectionDataSource database = FreshDataSources.h2();

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.database));

	private ImmediateDispatch immediate = new ImmediateDispatch(this.sends, PATIENCE);

	@AfterEach
	void stopAndDropTheDatabase() {
		this.sends.release();
		this.immediate.stop();
		this.database.destroy();
	}

	@Test
	void messageIsSentOnceItsTransactionCommitsAndNotBefore() {
		Set<Long> sentBeforeTheCommit = this.transactions.execute(status -> {
			this.immediate.afterCommit(7);
			return Set.copyOf(this.sends.sent);
		});

		await().atMost(PATIENCE).until(() -> this.sends.sent.contains(7L));
		assertThat(sentBeforeTheCommit).isEmpty();
	}

	@Test
	void messagesOfOneTransactionAreSentInTheOrderTheyWereStored() {
		this.transactions.executeWithoutResult(status -> handOver(5, 3, 9, 1, 7));

		this.immediate.stop();

		assertThat(this.sends.sent).containsExactly(5L, 3L, 9L, 1L, 7L);
	}

	@Test
	void messageOfARolledBackTransactionIsNeverSent() {
		this.transactions.executeWithoutResult(status -> {
			this.immediate.afterCommit(7);
			status.setRollbackOnly();
		});
		this.immediate.afterCommit(8);

		this.immediate.stop();

		assertThat(this.sends.sent).containsExactly(8L);
	}

	@Test
	void stoppingSendsWhatWasHandedOverThenRefusesMore() throws Exception {
		this.sends.hold();
		handOver(1, 2, 3);
		this.sends.awaitStarted(2);

		Thread stopping = new Thread(this.immediate::stop, "stopping");
		stopping.start();
		await().atMost(PATIENCE).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
		this.sends.release();
		stopping.join(PATIENCE.toMillis());
		handOver(4);

		assertThat(stopping.isAlive()).isFalse();
		assertThat(this.immediate.isRunning()).isFalse();
		assertThat(this.immediate.isTerminated()).isTrue();
		assertThat(this.sends.sent).containsExactlyInAnyOrder(1L, 2L, 3L);
	}

	@Test
	void stopOutOfPatienceLeavesTheWaitingMessagesToThePollAndLetsTheSendingOnesFinish() {
		this.immediate = new ImmediateDispatch(this.sends, Duration.ZERO);
		this.sends.hold();
		handOver(1, 2, 3);
		this.sends.awaitStarted(2);

		this.immediate.stop();
		this.sends.release();

		await().atMost(PATIENCE).until(this.immediate::isTerminated);
		assertThat(this.immediate.isRunning()).isFalse();
		assertThat(this.sends.sent).containsExactlyInAnyOrder(1L, 2L);
	}

	@Test
	void stopOutOfPatienceLeavesTheRestOfATransactionsMessagesToThePoll() {
		this.immediate = new ImmediateDispatch(this.sends, Duration.ZERO);
		this.sends.hold();
		this.transactions.executeWithoutResult(status -> handOver(1, 2, 3));
		this.sends.awaitStarted(1);

		this.immediate.stop();
		this.sends.release();

		await().atMost(PATIENCE).until(this.immediate::isTerminated);
		assertThat(this.sends.sent).containsExactly(1L);
	}

	@Test
	void fullQueueDropsTheMessageInsteadOfHoldingUpTheCommit() {
		this.sends.hold();
		handOver(1, 2);
		this.sends.awaitStarted(2);
		long[] queued = LongStream.rangeClosed(3, 2 + ImmediateDispatch.QUEUE_CAPACITY).toArray();
		handOver(queued);

		this.transactions.executeWithoutResult(status -> this.immediate.afterCommit(-1));
		this.sends.release();
		this.immediate.stop();

		assertThat(this.sends.sent).hasSize(2 + ImmediateDispatch.QUEUE_CAPACITY).doesNotContain(-1L);
	}

	@Test
	void failedSendIsLeftToThePollAndTheNextOneStillGoes() {
		this.sends.failFor(1);
		handOver(1, 2);

		this.immediate.stop();

		assertThat(this.sends.sent).containsExactly(2L);
	}

	private void handOver(long... ids) {
		for (long id : ids) {
			this.immediate.afterCommit(id);
		}
	}

	/** Records the messages sent, and can hold each send until released, or fail it. */
	private static final class Sends implements LongConsumer {

		final List<Long> sent = new CopyOnWriteArrayList<>();

		private final Set<Long> failing = ConcurrentHashMap.newKeySet();

		private final Semaphore started = new Semaphore(0);

		private volatile CountDownLatch gate = new CountDownLatch(0);

		@Override
		public void accept(long id) {
			this.started.release();
			try {
				if (!this.gate.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			if (this.failing.contains(id)) {
				throw new IllegalStateException("The database is unreachable");
			}
			this.sent.add(id);
		}

		void hold() {
			this.gate = new CountDownLatch(1);
		}

		void release() {
			this.gate.countDown();
		}

		void failFor(long id) {
			this.failing.add(id);
		}

		void awaitStarted(int sends) {
			try {
				assertThat(this.started.tryAcquire(sends, PATIENCE.toSeconds(), TimeUnit.SECONDS))
					.as("%d sends started", sends)
					.isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

	}

}
