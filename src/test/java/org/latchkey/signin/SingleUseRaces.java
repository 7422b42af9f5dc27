package org.latchkey.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.ConcurrentPosts;
import org.latchkey.testing.ConcurrentPosts.Answer;
import org.latchkey.testing.ConcurrentPosts.Post;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.TestClock;
import org.latchkey.testing.Totp;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty submissions of one valid code at the same moment, spread over the servers given (one, or the nodes
 * of a cluster in turn): exactly one may sign in. The count is read twice, from the answers and from the
 * signed-in sessions the database recorded.
 *
 * @param ports where the submissions go, in turn
 */
record SingleUseRaces(List<Integer> ports, AccountManagement accounts, EmailFactors emailFactors,
		OrganisationPolicy policy, Mailbox mailbox, JdbcClient jdbc, TestClock clock) {

	static final int SUBMISSIONS = 20;

	/** What a race came to. */
	record Outcome(int attempts, int accepted, int serverErrors, long sessionsRecorded) {
	}

	/** One browser that owes an emailed code submits it twenty times at once (a code is bound to its browser). */
	Outcome emailCode() throws Exception {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = new Browser(this.ports.get(0));
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String csrf = browser.get("/login/verify").form("form[action$=/login/verify]").fields().get("_csrf");
		String session = browser.cookie("LATCHKEY_SESSION").orElseThrow();
		List<Post> posts = new ArrayList<>();
		for (int i = 0; i < SUBMISSIONS; i++) {
			posts.add(new Post(portFor(i), "/login/verify", session, Map.of("_csrf", csrf, "code", code)));
		}
		return outcome(alice, ConcurrentPosts.send(posts));
	}

	/**
	 * Twenty browsers past the password step submit one code from the app at once, as an attacker who saw the
	 * code and the password would.
	 */
	Outcome authenticatorCode() throws Exception {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Browser owner = new Browser(this.ports.get(0));
		assertThat(owner.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String secret = Totp.enrol(owner, this.clock);
		// the enrolment spent the current time step: the race is about the next one
		this.clock.advance(Duration.ofSeconds(30));
		List<Post> posts = new ArrayList<>();
		for (int i = 0; i < SUBMISSIONS; i++) {
			Browser browser = new Browser(portFor(i));
			assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
			String csrf = browser.get("/login/verify").form("form[action$=/login/verify/app]").fields().get("_csrf");
			posts.add(new Post(portFor(i), "/login/verify/app", browser.cookie("LATCHKEY_SESSION").orElseThrow(),
					Map.of("_csrf", csrf, "code", Totp.code(secret, (Clock) this.clock))));
		}
		return outcome(alice, ConcurrentPosts.send(posts));
	}

	private int portFor(int submission) {
		return this.ports.get(submission % this.ports.size());
	}

	private Outcome outcome(Account account, List<Answer> answers) {
		int accepted = (int) answers.stream().filter(answer -> answer.redirectsTo("/")).count();
		int serverErrors = (int) answers.stream().filter(answer -> answer.status() >= 500).count();
		long sessions = this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session WHERE account_id = :id AND method <> 'PASSWORD'
				""").param("id", account.id()).query(Long.class).single();
		System.out.printf("Race on %s: %d attempts, %d accepted, %d answers 5xx, %d sessions recorded%n",
				this.ports, answers.size(), accepted, serverErrors, sessions);
		return new Outcome(answers.size(), accepted, serverErrors, sessions);
	}

	/** Asserts the rule: one of twenty got through, none broke the server. */
	static void assertExactlyOneAccepted(Outcome outcome) {
		assertThat(outcome.attempts()).isEqualTo(SUBMISSIONS);
		assertThat(outcome.serverErrors()).as("answers 5xx").isZero();
		assertThat(outcome.accepted()).as("submissions that signed in").isEqualTo(1);
		assertThat(outcome.sessionsRecorded()).as("signed-in sessions recorded").isEqualTo(1);
	}

}
