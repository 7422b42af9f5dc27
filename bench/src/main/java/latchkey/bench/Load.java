package latchkey.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed loop of simultaneous users, each on their own thread, starting their next sign-in as soon as the
 * last one ended; the same for every scenario and every server, so that figures measured against Latchkey and
 * against another server are counted alike. The server's CPU (and its database's, when that is a process of
 * its own) is read from {@code /proc} just before the first sign-in starts and just after the last one ends.
 */
final class Load {

	private Load() {
	}

	/**
	 * Users each on their own thread, repeating {@code signIn} for {@code seconds}, or until {@code count} were
	 * done when it is positive.
	 * @param serverPid the process whose CPU is counted as the server's
	 * @param databasePid the database server's process, whose CPU and children's is counted apart
	 * @param apps the pool of users with an app, whose waits for a fresh code step the run counts
	 */
	static Run closedLoop(int users, double seconds, int count, long serverPid, OptionalLong databasePid,
			Users.AppPool apps, SignIn signIn) throws InterruptedException {
		Run run = new Run();
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		AtomicInteger left = new AtomicInteger(count);
		double databaseCpu = databasePid.isPresent() ? Proc.treeCpuSeconds(databasePid.getAsLong()) : Double.NaN;
		apps.takeWaits();
		double cpu = Proc.cpuSeconds(serverPid);
		double compilerCpu = Proc.compilerCpuSeconds(serverPid);
		double driverCpu = Proc.cpuSeconds(ProcessHandle.current().pid());
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			Thread thread = new Thread(() -> {
				while ((count > 0) ? left.getAndDecrement() > 0 : System.nanoTime() < deadline) {
					try {
						signIn.run(run);
						run.completed();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (Exception ex) {
						run.failed(ex);
					}
				}
			}, "user-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(10));
		}
		run.wallSeconds = (System.nanoTime() - start) / 1e9;
		run.cpuSeconds = Proc.cpuSeconds(serverPid) - cpu;
		run.compilerCpuSeconds = Proc.compilerCpuSeconds(serverPid) - compilerCpu;
		run.driverCpuSeconds = Proc.cpuSeconds(ProcessHandle.current().pid()) - driverCpu;
		if (databasePid.isPresent()) {
			run.databaseCpuSeconds = Proc.treeCpuSeconds(databasePid.getAsLong()) - databaseCpu;
		}
		run.poolWaits = apps.takeWaits();
		return run;
	}

	/** One sign-in (or one step of it) by one user. */
	interface SignIn {

		void run(Run run) throws Exception;

	}

}
