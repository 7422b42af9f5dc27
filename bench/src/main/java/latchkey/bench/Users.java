package latchkey.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's users, handed out in turn. An authenticator code works once per 30-second step, as the
 * server enforces, so a user with an app comes back only in a later step than their last sign-in: when the
 * next user in turn is not ready yet, the caller waits for the next step and the wait is counted (the report
 * flags it: the pool was too small for the rate).
 */
final class Users {

	static final String PASSWORD = "orange tractor kettle umbrella 42";

	private Users() {
	}

	/** A user with an authenticator app, and the last time step whose code they used. */
	static final class AppUser {

		private final String login;

		private final byte[] key;

		private long lastStep;

		AppUser(String login, byte[] key, long lastStep) {
			this.login = login;
			this.key = key;
			this.lastStep = lastStep;
		}

		String login() {
			return this.login;
		}

		byte[] key() {
			return this.key;
		}

		/** The app's code now; a step is never used twice. */
		synchronized String code() {
			long step = Totp.currentStep();
			if (step <= this.lastStep) {
				throw new IllegalStateException(this.login + " already used step " + this.lastStep);
			}
			this.lastStep = step;
			return Totp.code(this.key, step);
		}

		synchronized boolean readyIn(long step) {
			return this.lastStep < step;
		}

	}

	/** A user whose codes go to a 2FA email. */
	record EmailUser(String login, String address) {
	}

	/** Users with an app, in turn, each only once per time step. */
	static final class AppPool {

		private final List<AppUser> users;

		private final AtomicInteger waits = new AtomicInteger();

		private int next;

		AppPool(List<AppUser> users) {
			this.users = users;
		}

		synchronized AppUser next() throws InterruptedException {
			AppUser user = this.users.get(this.next);
			this.next = (this.next + 1) % this.users.size();
			while (!user.readyIn(Totp.currentStep())) {
				this.waits.incrementAndGet();
				long millis = Totp.PERIOD_SECONDS * 1000;
				Thread.sleep(millis - System.currentTimeMillis() % millis + 5);
			}
			return user;
		}

		/** How many times a caller waited for the next step since the last call. */
		int takeWaits() {
			return this.waits.getAndSet(0);
		}

		int size() {
			return this.users.size();
		}

	}

	/** Users with a 2FA email, in turn. */
	static final class EmailPool {

		private final List<EmailUser> users;

		private final AtomicInteger next = new AtomicInteger();

		EmailPool(List<EmailUser> users) {
			this.users = users;
		}

		EmailUser next() {
			return this.users.get(Math.floorMod(this.next.getAndIncrement(), this.users.size()));
		}

		int size() {
			return this.users.size();
		}

	}

}
