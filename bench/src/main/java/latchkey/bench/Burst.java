package latchkey.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * (f): many password posts at once. Each browser first reads the sign-in page (not measured); then all post
 * their passwords at the same moment, while the server's resident memory is sampled every 20 ms. Every post
 * must be answered: with the code page's redirect, or with the "busy, try again" page (503) when it waited in
 * the hashing queue longer than the server allows.
 */
final class Burst {

	private static final int SAMPLE_MILLIS = 20;

	private Burst() {
	}

	/**
	 * @param answers how many posts got each HTTP status
	 * @param failures posts that got no answer, or one other than the code page's redirect or 503
	 */
	record Outcome(int posts, Map<Integer, Integer> answers, List<String> failures, double seconds,
			double residentBeforeMb, double peakResidentMb, double residentAfterMb) {
	}

	static Outcome run(Server server, Users.AppPool apps, int posts) throws Exception {
		List<Browser> browsers = new ArrayList<>();
		List<String> logins = new ArrayList<>();
		for (int i = 0; i < posts; i++) {
			Browser browser = new Browser(server.port());
			browser.get("/login").hasForm("/login");
			browsers.add(browser);
			logins.add(apps.next().login());
		}
		Map<Integer, Integer> answers = new TreeMap<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < posts; i++) {
			Browser browser = browsers.get(i);
			String login = logins.get(i);
			Thread thread = new Thread(() -> post(browser, login, go, answers, failures), "burst-" + i);
			thread.start();
			threads.add(thread);
		}
		double before = server.residentMb();
		DoubleAccumulator peak = new DoubleAccumulator(Math::max, before);
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peak.accumulate(server.residentMb());
				sleep();
			}
		}, "burst-memory");
		sampler.start();
		long start = System.nanoTime();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		sampling.set(false);
		sampler.join();
		peak.accumulate(server.residentMb());
		return new Outcome(posts, answers, List.copyOf(failures), seconds, before, peak.get(), server.residentMb());
	}

	private static void post(Browser browser, String login, CountDownLatch go, Map<Integer, Integer> answers,
			ConcurrentLinkedQueue<String> failures) {
		try {
			go.await();
			Browser.Page page = browser.post("/login", "username", login, "password", Users.PASSWORD);
			synchronized (answers) {
				answers.merge(page.status(), 1, Integer::sum);
			}
			boolean codePage = page.status() == 302 && "/login/verify".equals(page.location());
			if (!codePage && page.status() != 503) {
				failures.add("answered " + page.status() + " " + page.location());
			}
		}
		catch (Exception ex) {
			failures.add(ex.toString());
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(SAMPLE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
