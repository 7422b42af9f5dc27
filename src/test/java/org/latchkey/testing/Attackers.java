package org.latchkey.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Browsers that each come from an address of their own, for the throttling tests. The application under
 * those tests believes {@code X-Forwarded-For} from 127.0.0.1, as from a load balancer in front
 * ({@link #TRUSTED_LOOPBACK}), and counts failures per client address at the production limit
 * ({@link #PRODUCTION_LIMIT}); every other test context lifts that limit, since all its browsers share one
 * address and its clock stands still.
 */
public final class Attackers {

	/** The production limit of failed sign-in steps per client address and minute. */
	public static final String PRODUCTION_LIMIT = "latchkey.throttle.client-failures-per-minute=30";

	/** Requests from 127.0.0.1 come through a trusted proxy; those from ::1 do not. */
	public static final String TRUSTED_LOOPBACK = "latchkey.trusted-proxies=127.0.0.1";

	private static final AtomicInteger sequence = new AtomicInteger();

	private Attackers() {
	}

	/** A new client address, from the documentation ranges and the 10/8 network, never used before. */
	public static String nextAddress() {
		int n = sequence.incrementAndGet();
		return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

	/** A browser behind the trusted proxy, with a client address no other browser has. */
	public static Browser fromNewAddress(int port) {
		return new Browser(port).header("X-Forwarded-For", nextAddress());
	}

}
