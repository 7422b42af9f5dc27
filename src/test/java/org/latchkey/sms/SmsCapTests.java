package org.latchkey.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.sms.SmsLimitReachedException.Limit;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMS caps hold, one send after the other and all at once, on H2 and on PostgreSQL: at most 5 SMS per
 * account and per number in any 15 minutes, and the server's hourly cap. A refused SMS leaves nothing in the
 * outbox.
 */
@LatchkeyTest
@StorageInvariants
class SmsCapTests extends ApplicationScenarios {

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	private static final int THREADS = 12;

	@Autowired
	SmsQueue outbox;

	@Autowired
	SmsAdministration administration;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void useTheStub() {
		useCap(200);
	}

	@Test
	void sixthSmsForAnAccountWithinFifteenMinutesIsRefusedAndLeavesNothing() {
		long account = anAccount();
		for (int i = 0; i < 5; i++) {
			enqueue(account, SmsProviderStub.newNumber());
		}
		String sixth = SmsProviderStub.newNumber();

		assertThatThrownBy(() -> enqueue(account, sixth)).isInstanceOf(SmsLimitReachedException.class)
			.extracting(ex -> ((SmsLimitReachedException) ex).limit())
			.isEqualTo(Limit.PER_ACCOUNT);
		assertThat(new OutboxRows(this.jdbc).countTo(sixth)).isZero();
	}

	@Test
	void theFifteenMinutesSlideRatherThanRestartOnTheQuarterHour() {
		long account = anAccount();
		for (int i = 0; i < 3; i++) {
			enqueue(account, SmsProviderStub.newNumber());
		}
		this.clock.advance(Duration.ofMinutes(10));
		enqueue(account, SmsProviderStub.newNumber());
		enqueue(account, SmsProviderStub.newNumber());
		this.clock.advance(Duration.ofMinutes(4));

		assertThatThrownBy(() -> enqueue(account, SmsProviderStub.newNumber()))
			.isInstanceOf(SmsLimitReachedException.class);
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		enqueue(account, SmsProviderStub.newNumber());
		enqueue(account, SmsProviderStub.newNumber());
		enqueue(account, SmsProviderStub.newNumber());
		assertThatThrownBy(() -> enqueue(account, SmsProviderStub.newNumber()))
			.isInstanceOf(SmsLimitReachedException.class);
	}

	@Test
	void sixthSmsToANumberIsRefusedWhateverTheAccount() {
		String number = SmsProviderStub.newNumber();
		for (int i = 0; i < 5; i++) {
			enqueue(anAccount(), number);
		}

		assertThatThrownBy(() -> enqueue(anAccount(), number)).isInstanceOf(SmsLimitReachedException.class)
			.extracting(ex -> ((SmsLimitReachedException) ex).limit())
			.isEqualTo(Limit.PER_NUMBER);
		assertThat(new OutboxRows(this.jdbc).countTo(number)).isEqualTo(5);
	}

	@Test
	void concurrentSmsToOneNumberNeverExceedTheCap() throws Exception {
		String number = SmsProviderStub.newNumber();

		List<Boolean> results = race(() -> enqueue(anAccount(), number));

		assertThat(results.stream().filter(queued -> queued)).hasSize(5);
		assertThat(new OutboxRows(this.jdbc).countTo(number)).isEqualTo(5);
	}

	@Test
	void concurrentSmsForOneAccountNeverExceedTheCap() throws Exception {
		long account = anAccount();

		List<Boolean> results = race(() -> enqueue(account, SmsProviderStub.newNumber()));

		assertThat(results.stream().filter(queued -> queued)).hasSize(5);
	}

	@Test
	void concurrentSmsNeverExceedTheHourlyCapWhichIsAuditedOnce() throws Exception {
		// a new hour: the cap another class of the context reached, and audited, is an hour old
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		long lastHour = this.administration.view().sentLastHour();
		useCap((int) lastHour + 3);
		long auditedBefore = audited();
		try {
			List<Boolean> results = race(() -> enqueue(anAccount(), SmsProviderStub.newNumber()));

			assertThat(results.stream().filter(queued -> queued)).hasSize(3);
			assertThat(audited()).isEqualTo(auditedBefore + 1);
			assertThat(this.administration.view().capReached()).isTrue();
			assertThatThrownBy(() -> enqueue(anAccount(), SmsProviderStub.newNumber()))
				.isInstanceOf(SmsLimitReachedException.class)
				.extracting(ex -> ((SmsLimitReachedException) ex).limit())
				.isEqualTo(Limit.GLOBAL_HOURLY);
			this.clock.advance(Duration.ofHours(1).plusSeconds(1));
			enqueue(anAccount(), SmsProviderStub.newNumber());
		}
		finally {
			useCap(200);
		}
	}

	/** Starts the same send on many threads at once; true for each that was queued, false when refused. */
	private List<Boolean> race(Supplier<Long> send) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> futures = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				Callable<Boolean> attempt = () -> {
					start.await();
					try {
						send.get();
						return true;
					}
					catch (SmsLimitReachedException ex) {
						return false;
					}
				};
				futures.add(threads.submit(attempt));
			}
			start.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private long enqueue(long account, String number) {
		return this.transactions.execute(status -> this.outbox
			.enqueue(new Sms(account, number, "code", Locale.ENGLISH, Map.of("code", "123456"))));
	}

	private void useCap(int cap) {
		this.administration.change(new SmsProviderChange("HTTP", null, null, null, provider.url("/sms"), "POST",
				null, false, "{\"to\": \"{to}\", \"message\": \"{message}\"}", "JSON", String.valueOf(cap), ""));
	}

	private long audited() {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'SMS_HOURLY_CAP_REACHED'")
			.query(Long.class)
			.single();
	}

	private static long anAccount() {
		return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
	}

}
