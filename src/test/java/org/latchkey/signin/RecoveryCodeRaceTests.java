package org.latchkey.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.ConcurrentPosts;
import org.latchkey.testing.ConcurrentPosts.Answer;
import org.latchkey.testing.ConcurrentPosts.Post;
import org.latchkey.testing.DatabaseDump;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.RecoveryScenarios;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database enforces for recovery codes and enrolment reminders, on H2 and on PostgreSQL: each code
 * signs in once under twenty concurrent submissions, a replaced set stops working, no code is stored in clear,
 * and two nodes sending the due reminders at once send each one once.
 */
@LatchkeyTest
@StorageInvariants
class RecoveryCodeRaceTests extends RecoveryScenarios {

	private static final int SUBMISSIONS = 20;

	@Autowired
	EnrolmentDeadline deadline;

	@BeforeEach
	void recoveryCodesAreOn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.options.change(true, 0, 0);
	}

	@AfterEach
	void twoFactorIsOffAgain() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	/** A browser past the password, on the recovery-code page. */
	private Post recoveryPost(Account account, String code) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String csrf = browser.get("/login/verify?method=recovery")
			.form("form[action$=/login/verify/recovery]")
			.fields()
			.get("_csrf");
		return new Post(this.port, "/login/verify/recovery", browser.cookie(Browser.SESSION_COOKIE).orElseThrow(),
				Map.of("_csrf", csrf, "recoveryCode", code));
	}

	@Test
	void twentyConcurrentSubmissionsOfOneRecoveryCodeSignInOnce() throws Exception {
		List<String> codes = new ArrayList<>();
		Account alice = aliceWithCodes(codes);
		List<Post> posts = new ArrayList<>();
		for (int i = 0; i < SUBMISSIONS; i++) {
			posts.add(recoveryPost(alice, codes.get(0)));
		}

		List<Answer> answers = ConcurrentPosts.send(posts);

		long accepted = answers.stream().filter(answer -> answer.redirectsTo("/account")).count();
		long serverErrors = answers.stream().filter(answer -> answer.status() >= 500).count();
		long sessions = this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session WHERE account_id = :id AND method = 'RECOVERY_CODE'
				""").param("id", alice.id()).query(Long.class).single();
		System.out.printf("Recovery code race: %d attempts, %d accepted, %d answers 5xx, %d sessions recorded%n",
				answers.size(), accepted, serverErrors, sessions);
		assertThat(serverErrors).as("answers 5xx").isZero();
		assertThat(accepted).as("submissions that signed in").isEqualTo(1);
		assertThat(sessions).as("sessions signed in with a recovery code").isEqualTo(1);
		assertThat(this.recoveryCodes.remaining(alice.id())).isEqualTo(RecoveryCodes.SET_SIZE - 1);
	}

	@Test
	void aCodeWorksOnceAndEveryCodeOfTheSetWorks() {
		List<String> codes = new ArrayList<>();
		Account alice = aliceWithCodes(codes);
		for (String code : codes) {
			assertThat(this.recoveryCodes.spend(alice.id(), code.toLowerCase().replace("-", " "))).isTrue();
			assertThat(this.recoveryCodes.spend(alice.id(), code)).as("replayed").isFalse();
		}
		assertThat(this.recoveryCodes.remaining(alice.id())).isZero();
	}

	@Test
	void aReplacedSetStopsWorkingAndTheNewOneWorks() {
		List<String> old = new ArrayList<>();
		Account alice = aliceWithCodes(old);
		List<String> renewed = this.recoveryCodes.replace(alice.id());
		renewed.forEach(Secrets::seen);

		assertThat(renewed).hasSize(RecoveryCodes.SET_SIZE).doesNotContainAnyElementsOf(old);
		assertThat(sendOne(recoveryPost(alice, old.get(1))).status()).isEqualTo(400);
		assertThat(sendOne(recoveryPost(alice, renewed.get(1))).redirectsTo("/account")).isTrue();
	}

	@Test
	void codesAreNowhereInTheDatabaseInClear() {
		List<String> codes = new ArrayList<>();
		Account alice = aliceWithCodes(codes);
		sendOne(recoveryPost(alice, codes.get(2)));

		String dump = DatabaseDump.of(this.jdbc).toUpperCase();
		for (String code : codes) {
			assertThat(dump).doesNotContain(code).doesNotContain(code.replace("-", ""));
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isEqualTo(RecoveryCodes.SET_SIZE);
	}

	@Test
	void twoNodesSendingTheDueRemindersAtOnceSendEachReminderOnce() throws Exception {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.options.change(true, 0, 14);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account bob = People.alice(this.accounts);
		this.clock.advance(Duration.ofDays(13).plusHours(1));

		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Callable<Integer>> nodes = List.of(this.deadline::sendDueReminders, this.deadline::sendDueReminders);
		for (Future<Integer> node : pool.invokeAll(nodes)) {
			node.get();
		}
		pool.shutdown();

		assertThat(this.jdbc.sql("SELECT days_before FROM enrolment_reminder WHERE account_id = :id")
			.param("id", bob.id())
			.query(Integer.class)
			.list()).containsExactly(1);
		assertThat(Mailbox.text(this.mailbox.next(bob.businessEmail()))).contains("1 day left");
		assertThat(this.mailbox.count(bob.businessEmail())).isEqualTo(1);
	}

	private static Answer sendOne(Post post) {
		try {
			return ConcurrentPosts.send(List.of(post)).get(0);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
