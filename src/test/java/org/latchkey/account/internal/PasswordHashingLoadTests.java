package org.latchkey.account.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.ConcurrentPosts;
import org.latchkey.testing.ConcurrentPosts.Answer;
import org.latchkey.testing.CountingPasswordEncoder;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password posts far beyond the hashing permits: every one is answered with a page, the sign-in's answer or the
 * "busy" page (503 with {@code Retry-After}), never a server error or a dropped connection, and no more hashes
 * ever run at once than the permits allow. Argon2 is made cheap here so that 200 posts take little time; the
 * bound is on how many run at once, whatever each costs.
 */
@LatchkeyTest
@Import(CountingPasswordEncoder.Configuration.class)
@TestPropertySource(properties = { "latchkey.password-hashing.concurrency=2",
		"latchkey.password-hashing.queue-timeout=1s", "latchkey.account.argon2.memory-kib=1024",
		"latchkey.account.argon2.iterations=1" })
class PasswordHashingLoadTests extends ApplicationScenarios {

	private static final int POSTS = 200;

	@Autowired
	PasswordHashLimiter limiter;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void twoHundredPasswordPostsAtOnceAllGetAPageAndAtMostTwoHashesRunAtOnce() throws Exception {
		List<Account> people = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			people.add(People.alice(this.accounts));
		}
		List<ConcurrentPosts.Post> posts = new ArrayList<>();
		for (int i = 0; i < POSTS; i++) {
			Browser browser = new Browser(this.port);
			String csrf = browser.get("/login").csrf();
			String password = (i % 4 == 0) ? "not the password of this person at all" : People.PASSWORD;
			posts.add(new ConcurrentPosts.Post(this.port, "/login", browser.sessionCookie().orElseThrow(),
					Map.of("_csrf", csrf, "username", people.get(i % people.size()).login(), "password", password)));
		}
		int checkedBefore = counter().checkedHashes().size();

		List<Answer> answers = ConcurrentPosts.send(posts);

		assertThat(answers).hasSize(POSTS).allSatisfy(answer -> assertThat(answer.status()).isIn(302, 503));
		assertThat(answers).filteredOn(answer -> answer.status() == 302).isNotEmpty();
		// every post reached the password check: none was dropped before it
		assertThat(counter().checkedHashes().size() - checkedBefore).isEqualTo(POSTS);
		assertThat(this.limiter.mostAtOnce()).isBetween(1, 2);
		assertThat(this.limiter.running()).isZero();
	}

	@Test
	void signInThatFindsEveryPermitTakenForTooLongGetsTheBusyPage() throws Exception {
		Account alice = People.alice(this.accounts);

		Page busy = whilePermitsAreHeld(() -> new Browser(this.port).signIn(alice.login(), People.PASSWORD));

		assertThat(busy.status()).isEqualTo(503);
		assertThat(busy.header("Retry-After")).contains("1");
		assertThat(busy.text()).contains("Latchkey is busy, try again in a moment");
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).status()).isEqualTo(302);
	}

	@Test
	void passwordChangeThatFindsEveryPermitTakenGetsTheBusyPageAndChangesNothing() throws Exception {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).status()).isEqualTo(302);
		Browser.Form form = browser.get("/account/password")
			.form("form[action$=/account/password]")
			.set("currentPassword", People.PASSWORD)
			.set("password", "a new password nobody will guess");

		Page busy = whilePermitsAreHeld(form::submit);

		assertThat(busy.status()).isEqualTo(503);
		assertThat(busy.header("Retry-After")).contains("1");
		assertThat(busy.text()).contains("Latchkey is busy, try again in a moment");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	/** Runs the call while both hashing permits are taken by hashes that wait for a latch, not a clock. */
	private <T> T whilePermitsAreHeld(Callable<T> call) throws Exception {
		CountDownLatch holding = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService holders = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 2; i++) {
				holders.submit(() -> this.limiter.hash(() -> {
					holding.countDown();
					return awaitQuietly(release);
				}));
			}
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
			return call.call();
		}
		finally {
			release.countDown();
			holders.shutdown();
			assertThat(holders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private CountingPasswordEncoder counter() {
		return (CountingPasswordEncoder) this.encoder;
	}

}
