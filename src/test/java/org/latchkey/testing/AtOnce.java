package org.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one call many times at the same moment, each in its own thread, released together by one latch: a
 * client, or an attacker, sending the same request several times at once. {@link ConcurrentPosts} does the
 * same for browser form posts.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** The results of the calls, in no particular order. */
	public static <T> List<T> run(int times, Callable<T> call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(times);
		try {
			CountDownLatch ready = new CountDownLatch(times);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < times; i++) {
				futures.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return call.call();
				}));
			}
			ready.await(30, TimeUnit.SECONDS);
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
