package org.latchkey.lockout;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.latchkey.lockout.internal.ThrottleSettings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-in steps per client address, in windows of one minute that start at a client's first failure:
 * past the limit, the client's further attempts are refused until its window ends. Counted in the database
 * by one conditional UPDATE, so every node sees the same count. An IPv6 client is counted by its /64
 * network, which one host usually holds whole and could otherwise walk through.
 */
@Component
@EnableConfigurationProperties(ThrottleSettings.class)
public class ClientThrottle {

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	private final Clock clock;

	private final int limit;

	ClientThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ThrottleSettings settings) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
		this.limit = settings.clientFailuresPerMinute();
	}

	/**
	 * A refusal that stands for a client: until when, in how many whole seconds (at least one), and whether
	 * it is the first of its window.
	 */
	public record Refusal(Instant until, long secondsLeft, boolean first) {
	}

	/** Whether the client's attempts are refused now; the first refusal of a window is marked as such. */
	public Optional<Refusal> refusal(String clientAddress) {
		String client = key(clientAddress);
		Instant now = this.clock.instant();
		Optional<Instant> windowStart = this.jdbc.sql("""
				SELECT window_start FROM client_failure_window
				WHERE client_ip = :client AND failures >= :limit AND window_start > :expired
				""")
			.param("client", client)
			.param("limit", this.limit)
			.param("expired", Timestamp.from(now.minus(WINDOW)))
			.query((rs, n) -> rs.getTimestamp("window_start").toInstant())
			.optional();
		return windowStart.map(start -> new Refusal(start.plus(WINDOW),
				Math.max(1, (Duration.between(now, start.plus(WINDOW)).toMillis() + 999) / 1000), this.jdbc.sql("""
				UPDATE client_failure_window SET refusal_audited = TRUE
				WHERE client_ip = :client AND window_start = :start AND refusal_audited = FALSE
				""")
			.param("client", client)
			.param("start", Timestamp.from(start))
			.update() == 1));
	}

	/**
	 * Counts a failed step of the client, in the caller's transaction when there is one; its first row under
	 * a savepoint, so that a row another node created first costs nothing but that savepoint.
	 */
	public void failed(String clientAddress) {
		String client = key(clientAddress);
		Instant now = this.clock.instant();
		if (count(client, now) == 0) {
			try {
				this.savepoint.executeWithoutResult(status -> this.jdbc.sql("""
						INSERT INTO client_failure_window (client_ip, window_start, failures, refusal_audited)
						VALUES (:client, :now, 1, FALSE)
						""")
					.param("client", client)
					.param("now", Timestamp.from(now))
					.update());
			}
			catch (DuplicateKeyException ex) {
				// another node counted this client's first failure meanwhile: count this one on top
				count(client, now);
			}
		}
	}

	/** One statement: the failure opens a new window when the client's last one is over, or adds to it. */
	private int count(String client, Instant now) {
		Timestamp expired = Timestamp.from(now.minus(WINDOW));
		return this.jdbc.sql("""
				UPDATE client_failure_window SET
					failures = CASE WHEN window_start <= :expired THEN 1 ELSE failures + 1 END,
					refusal_audited = CASE WHEN window_start <= :expired THEN FALSE ELSE refusal_audited END,
					window_start = CASE WHEN window_start <= :expired THEN :now ELSE window_start END
				WHERE client_ip = :client
				""")
			.param("expired", expired)
			.param("now", Timestamp.from(now))
			.param("client", client)
			.update();
	}

	/** Forgets the windows that are over, so that the table holds only the clients of the last minutes. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	void forgetPastWindows() {
		this.jdbc.sql("DELETE FROM client_failure_window WHERE window_start <= :expired")
			.param("expired", Timestamp.from(this.clock.instant().minus(WINDOW)))
			.update();
	}

	/** The address as counted: an IPv4 address whole, an IPv6 address by its /64 network. */
	static String key(String address) {
		if (!address.contains(":")) {
			return address;
		}
		try {
			byte[] bytes = InetAddress.getByName("[" + address + "]").getAddress();
			if (bytes.length != 16) {
				return address;
			}
			byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
