package org.latchkey.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-step sign-in with a code sent by email while the policy requires 2FA, through HTTP, with the email read
 * from a real SMTP server: the code's lifetime, single use, attempts, binding to the browser, resending.
 */
@LatchkeyTest
@StorageInvariants
class EmailCodeSignInTests extends MailScenarios {

	@BeforeEach
	void requireTwoFactor() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
	}

	@Test
	void passwordAloneReachesOnlyTheCodePageAndTheCodeCompletesTheSignIn() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);

		Page step1 = browser.signIn(alice.login(), People.PASSWORD);
		String halfSignedIn = browser.cookie("LATCHKEY_SESSION").orElseThrow();

		assertThat(step1.location()).isEqualTo("/login/verify");
		assertThat(browser.get("/").location()).isEqualTo("/login/verify");
		assertThat(browser.get("/admin/users").location()).isEqualTo("/login/verify");
		Page verify = browser.get("/login/verify");
		assertThat(verify.text()).contains("We sent a six-digit code to a***@example.com");
		assertThat(verify.document().selectFirst("#code").attr("autocomplete")).isEqualTo("one-time-code");

		Page step2 = submitCode(browser, this.mailbox.nextCode(codesAddress(alice)));

		assertThat(step2.location()).isEqualTo("/");
		assertThat(browser.cookie("LATCHKEY_SESSION")).get().isNotEqualTo(halfSignedIn);
		assertThat(browser.get("/").text()).contains("Signed in as " + alice.login());
		assertThat(methodsOf(alice)).containsExactly("EMAIL_CODE");
	}

	@Test
	void codeIsStoredOnlyAsAKeyedHash() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		new Browser(this.port).signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));

		assertThat(this.jdbc.sql("SELECT code_hash FROM code_challenge WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).hasSize(64).doesNotContain(code);
	}

	@Test
	void usedCodeIsRefusedTheSecondTime() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		assertThat(submitCode(browser, code).location()).isEqualTo("/");
		browser.get("/").form("form[action$=/logout]").submit();

		browser.signIn(alice.login(), People.PASSWORD);
		this.mailbox.nextCode(codesAddress(alice));
		Page replay = submitCode(browser, code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.text()).contains("This code was already used");
		assertThat(browser.get("/").location()).isEqualTo("/login/verify");
	}

	@Test
	void expiredCodeIsRefused() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));

		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		Page answer = submitCode(browser, code);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("This code has expired");
	}

	@Test
	void sixthTryIsRefusedEvenWithTheRightCode() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";

		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			answers.add(submitCode(browser, wrong).text());
		}
		// the fifth wrong try in a row also locks the account for a minute (AccountLockoutTests)
		Page fifth = submitCode(browser, wrong);
		this.clock.advance(Duration.ofSeconds(61));
		Page sixth = submitCode(browser, code);

		assertThat(answers.get(0)).contains("4 tries left");
		assertThat(answers.get(3)).contains("1 try left");
		assertThat(fifth.location()).isEqualTo("/login/verify/locked");
		assertThat(sixth.status()).isEqualTo(400);
		assertThat(sixth.text()).contains("Too many wrong tries");
	}

	@Test
	void codeSentForOneBrowserDoesNotWorkInAnother() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser first = new Browser(this.port);
		first.signIn(alice.login(), People.PASSWORD);
		String firstCode = this.mailbox.nextCode(codesAddress(alice));
		Browser second = new Browser(this.port);
		second.signIn(alice.login(), People.PASSWORD);
		String secondCode = this.mailbox.nextCode(codesAddress(alice));

		Page foreign = submitCode(second, firstCode);

		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.text()).contains("sent for a sign-in in another browser");
		assertThat(submitCode(first, secondCode).status()).isEqualTo(400);
		assertThat(submitCode(second, secondCode).location()).isEqualTo("/");
	}

	@Test
	void codeOfAnotherAccountIsJustAWrongCode() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Account bob = withTwoFactorEmail(People.alice(this.accounts));
		Browser aliceBrowser = new Browser(this.port);
		aliceBrowser.signIn(alice.login(), People.PASSWORD);
		String aliceCode = this.mailbox.nextCode(codesAddress(alice));
		Browser bobBrowser = new Browser(this.port);
		bobBrowser.signIn(bob.login(), People.PASSWORD);
		String bobCode = this.mailbox.nextCode(codesAddress(bob));

		Page answer = submitCode(bobBrowser, aliceCode);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(aliceCode.equals(bobCode) || answer.text().contains("This is not the code we sent")).isTrue();
	}

	@Test
	void newCodeIsRefusedWithinThirtySecondsThenReplacesThePreviousOne() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String first = this.mailbox.nextCode(codesAddress(alice));

		Page tooSoon = browser.get("/login/verify").form("form[action$=/resend]").submit().follow();
		this.clock.advance(Duration.ofSeconds(31));
		Page resent = browser.get("/login/verify").form("form[action$=/resend]").submit().follow();
		String second = this.mailbox.nextCode(codesAddress(alice));

		assertThat(tooSoon.text()).contains("A code was sent moments ago");
		assertThat(resent.text()).contains("A new code is on its way");
		Page old = submitCode(browser, first);
		assertThat(old.text()).containsAnyOf("A newer code was sent since", "This is not the code we sent");
		assertThat(submitCode(browser, second).location()).isEqualTo("/");
	}

	@Test
	void noMoreThanFiveCodesAreSentInFifteenMinutes() {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		for (int i = 0; i < 4; i++) {
			this.clock.advance(Duration.ofSeconds(31));
			// followed, as a browser does: the notice each resend leaves for the page it redirects to is read
			browser.get("/login/verify").form("form[action$=/resend]").submit().follow();
		}
		this.clock.advance(Duration.ofSeconds(31));

		Page sixth = browser.get("/login/verify").form("form[action$=/resend]").submit().follow();

		assertThat(sixth.text()).contains("Too many codes were sent");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void userWithoutATwoFactorEmailChoosesOneProvesItAndTheBusinessEmailIsTold() {
		Account alice = People.alice(this.accounts);
		String chosen = "private-" + alice.login() + "@example.org";
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page choose = browser.get("/login/verify");
		assertThat(choose.document().selectFirst("#email").val()).isEqualTo(alice.businessEmail());
		Page sent = choose.form("form[action$=/login/verify/email]").set("email", chosen).submit().follow();
		assertThat(sent.text()).contains("p***@example.org");

		Page done = submitCode(browser, this.mailbox.nextCode(chosen));

		assertThat(done.location()).isEqualTo("/");
		assertThat(this.emailFactors.addressOf(alice.id())).contains(chosen);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("p***@example.org");
	}

	@Test
	void invalidTwoFactorEmailIsRefusedBesideTheField() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page refused = browser.get("/login/verify")
			.form("form[action$=/login/verify/email]")
			.set("email", "not an address\u0000" + "x".repeat(300))
			.submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#email-error").text()).contains("not a valid email address");
		assertThat(this.emailFactors.addressOf(alice.id())).isEmpty();
	}

	@Test
	void twentyConcurrentSubmissionsOfOneCodeSignInExactlyOnce() throws Exception {
		Account alice = withTwoFactorEmail(People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		String csrf = browser.get("/login/verify").csrf();

		List<Callable<Integer>> submissions = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			submissions.add(() -> browser.post("/login/verify",
					Map.of("_csrf", csrf, "code", code)).status());
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> status : pool.invokeAll(submissions)) {
			statuses.add(status.get());
		}
		pool.shutdown();

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id AND used_at IS NOT NULL")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(statuses).filteredOn(status -> status == 302).hasSizeLessThanOrEqualTo(20);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'SIGN_IN' AND outcome = 'SUCCESS'"
				+ " AND subject_account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private Account withTwoFactorEmail(Account account) {
		this.emailFactors.set(account.id(), codesAddress(account));
		return account;
	}

	private static String codesAddress(Account account) {
		return "a-" + account.login() + "@example.com";
	}

	private List<String> methodsOf(Account account) {
		return this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	private static Page submitCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify]").set("code", code).submit();
	}

}
