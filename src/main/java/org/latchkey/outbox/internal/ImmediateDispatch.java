package org.latchkey.outbox.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands a new message to this node's dispatcher as soon as the transaction that stored it commits, so that a
 * person waits for the notifier rather than for the next poll. It is only a shortcut: a message it drops (its
 * queue is full, the node stops, the node dies before the commit's hand-off runs) is sent by the poll of this
 * node or of another one, and whichever claims the message first in the database sends it. It stops with the
 * application, after the web server (whose last requests may still hand messages over) and before the database.
 */
public class ImmediateDispatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImmediateDispatch.class);

	static final int THREADS = 2;

	static final int QUEUE_CAPACITY = 1000;

	private final LongConsumer dispatch;

	private final Duration shutdownPatience;

	private final ThreadPoolExecutor executor;

	/** Set when stopping ran out of patience: a transaction's messages not sent by then are left to the poll. */
	private volatile boolean cutOff;

	/**
	 * @param dispatch sends one message if it is still due and unclaimed
	 * @param shutdownPatience how long stopping waits for the messages already handed over
	 */
	ImmediateDispatch(LongConsumer dispatch, Duration shutdownPatience) {
		this.dispatch = dispatch;
		this.shutdownPatience = shutdownPatience;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("outbox-dispatch-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), threads, (task, fullOrStopped) -> {
					// the message stays pending in the database: a poll sends it, of this node or of another
				});
	}

	/**
	 * Sends the message once the current transaction commits, after the messages that transaction stored before
	 * it, or now when no transaction synchronizes; never throws, since the message is already safe in the outbox.
	 */
	public void afterCommit(long id) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			submit(List.of(id));
			return;
		}
		HandOff handOff = (HandOff) TransactionSynchronizationManager.getResource(this);
		if (handOff == null) {
			handOff = new HandOff();
			TransactionSynchronizationManager.bindResource(this, handOff);
			TransactionSynchronizationManager.registerSynchronization(handOff);
		}
		handOff.ids.add(id);
	}

	/** One task for the messages of one transaction, so that they leave in the order they were stored. */
	private void submit(List<Long> ids) {
		this.executor.execute(() -> ids.stream().takeWhile(id -> !this.cutOff).forEach(this::send));
	}

	private void send(long id) {
		try {
			this.dispatch.accept(id);
		}
		catch (RuntimeException ex) {
			// the claim, if taken, expires and the poll tries again; the message itself is never in the exception
			log.warn("Immediate dispatch of message {} failed; the poll will retry it: {}", id,
					OutboxDispatcher.describe(ex));
		}
	}

	@Override
	public void start() {
		// ready from the start: a message committed while the application starts is sent at once too
	}

	/**
	 * Stops taking messages and sends those already handed over, waiting for them up to the patience given; the
	 * ones still waiting after that are dropped (they stay pending in the database), those being sent finish.
	 */
	@Override
	public void stop() {
		this.executor.shutdown();
		try {
			if (this.executor.awaitTermination(this.shutdownPatience.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.cutOff = true;
		int dropped = this.executor.getQueue().size();
		this.executor.getQueue().clear();
		log.warn("Stopped with messages still being sent; those of {} more transactions are left to the poll",
				dropped);
	}

	/** Running until stopped; it is not started again. */
	@Override
	public boolean isRunning() {
		return !this.executor.isShutdown();
	}

	/** Whether it stopped and sends nothing any more. */
	boolean isTerminated() {
		return this.executor.isTerminated();
	}

	/** Stops after the web server, and before the database closes. */
	@Override
	public int getPhase() {
		return 0;
	}

	/** The messages a transaction stored, handed over together when it commits. */
	private final class HandOff implements TransactionSynchronization {

		private final List<Long> ids = new ArrayList<>();

		@Override
		public void afterCommit() {
			submit(List.copyOf(this.ids));
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(ImmediateDispatch.this);
		}

	}

}
