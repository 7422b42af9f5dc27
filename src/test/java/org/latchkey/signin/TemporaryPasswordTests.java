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
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TextColumns;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporary password an administrator generates, through HTTP: shown once and stored only as a hash, good
 * for exactly one sign-in within 24 hours (second factor included), after which the session reaches nothing
 * but the page where its owner chooses a new password.
 */
@LatchkeyTest
@StorageInvariants
class TemporaryPasswordTests extends MailScenarios {

	private static final String NEW_PASSWORD = "marble orchard beneath seven lanterns";

	Browser admin;

	@BeforeEach
	void signInAsAdministratorWithTwoFactorOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.admin = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
	}

	@Test
	void temporaryPasswordIsShownOnceToTheAdministratorAndStoredOnlyAsAHash() {
		Account alice = People.alice(this.accounts);

		Page shown = this.admin.get("/admin/users/" + alice.id())
			.form("form[action$=/password-reset/temporary]")
			.submit();
		String password = shown.document().select("#temporary-password").text();

		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.header("Cache-Control")).get().asString().contains("no-store");
		assertThat(password).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}").doesNotContainPattern("[01ilo]");
		assertThat(shown.text()).contains("only time Latchkey shows this password");
		assertThat(this.admin.get("/admin/users/" + alice.id()).body()).doesNotContain(password);
		assertThat(this.jdbc.sql("SELECT password_hash FROM temporary_password WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).startsWith("{argon2}").doesNotContain(password);
		assertThat(TextColumns.containing(this.jdbc, password)).isEmpty();
		assertThat(TextColumns.containing(this.jdbc, alice.login())).as("the scan reads the tables").contains("account.login");
	}

	@Test
	void issuingATemporaryPasswordRetiresThePreviousOneEndsTheSessionsAndTellsTheUserWithoutThePassword() {
		Account alice = People.alice(this.accounts);
		Browser aliceBrowser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);

		String password = issue(alice);

		assertThat(aliceBrowser.get("/").location()).isEqualTo("/login?ended=password_changed");
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("generated a temporary password for your account " + alice.login())
			.doesNotContain(password);
	}

	@Test
	void temporaryPasswordSignsInOnceToTheNewPasswordPageOnly() {
		Account alice = People.alice(this.accounts);
		String password = issue(alice);
		Browser browser = new Browser(this.port);

		Page signIn = browser.signIn(alice.login(), password);

		assertThat(signIn.location()).isEqualTo("/login/new-password");
		assertThat(browser.get("/").location()).isEqualTo("/login/new-password");
		assertThat(browser.get("/admin/users").location()).isEqualTo("/login/new-password");
		assertThat(browser.get("/login/verify").follow().location()).isEqualTo("/login/new-password");
		assertThat(browser.get("/login/new-password").text()).contains("You signed in as " + alice.login()
				+ " with a temporary password");
		assertThat(new Browser(this.port).signIn(alice.login(), password).location()).isEqualTo("/login?error");
	}

	@Test
	void temporaryPasswordIsRefusedAsTheNewPasswordThenTheChosenOneCompletesTheSignIn() {
		Account alice = People.alice(this.accounts);
		String password = issue(alice);
		this.mailbox.next(alice.businessEmail());
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), password);
		String waiting = browser.cookie("LATCHKEY_SESSION").orElseThrow();

		Page reused = choose(browser, password);
		Page chosen = choose(browser, NEW_PASSWORD);

		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.document().select("#password-error").text())
			.contains("This is the temporary password you were given");
		assertThat(chosen.location()).isEqualTo("/");
		assertThat(browser.cookie("LATCHKEY_SESSION")).get().isNotEqualTo(waiting);
		assertThat(browser.get("/").text()).contains("Signed in as " + alice.login());
		assertThat(methodsOf(alice)).containsExactly("PASSWORD");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM temporary_password WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("was just reset")
			.doesNotContain(NEW_PASSWORD);
		assertThat(new Browser(this.port).signIn(alice.login(), NEW_PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void secondFactorStillAppliesToATemporaryPassword() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.admin = SignIns.signedIn(this.port,
				SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts)), People.PASSWORD,
				this.mailbox);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		String password = issue(alice);
		Browser browser = new Browser(this.port);

		Page signIn = browser.signIn(alice.login(), password);
		Page beforeCode = browser.get("/login/new-password");
		Page code = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		Page home = browser.get("/");
		Page chosen = choose(browser, NEW_PASSWORD);

		assertThat(signIn.location()).isEqualTo("/login/verify");
		assertThat(beforeCode.location()).isEqualTo("/");
		assertThat(code.location()).isEqualTo("/login/new-password");
		assertThat(home.location()).isEqualTo("/login/new-password");
		assertThat(chosen.location()).isEqualTo("/");
		assertThat(methodsOf(alice)).containsExactly("EMAIL_CODE");
	}

	@Test
	void temporaryPasswordSignInWhoseSecondFactorIsAnAuthenticatorAppCompletesWithTheAppAsItsMethod() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.admin = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		Account alice = People.alice(this.accounts);
		String secret = Totp.enrol(SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox), this.clock);
		String password = issue(alice);
		this.clock.advance(Duration.ofSeconds(30));
		Browser browser = new Browser(this.port);

		Page signIn = browser.signIn(alice.login(), password);
		Page ask = browser.get("/login/verify");
		Page code = ask.form("form[action$=/login/verify/app]").set("code", Totp.code(secret, this.clock)).submit();
		Page home = browser.get("/");
		Page chosen = choose(browser, NEW_PASSWORD);

		assertThat(signIn.location()).isEqualTo("/login/verify");
		assertThat(ask.text()).contains("Enter the code from your authenticator app");
		assertThat(code.location()).isEqualTo("/login/new-password");
		assertThat(home.location()).isEqualTo("/login/new-password");
		assertThat(chosen.location()).isEqualTo("/");
		assertThat(browser.get("/").text()).contains("Signed in as " + alice.login());
		assertThat(methodsOf(alice)).containsExactly("AUTHENTICATOR_APP");
	}

	@Test
	void temporaryPasswordExpiresAfterTwentyFourHours() {
		Account alice = People.alice(this.accounts);
		String password = issue(alice);

		this.clock.advance(Duration.ofHours(24).plusSeconds(1));

		assertThat(new Browser(this.port).signIn(alice.login(), password).location()).isEqualTo("/login?error");
	}

	@Test
	void generatingAnotherTemporaryPasswordVoidsTheFirst() {
		Account alice = People.alice(this.accounts);
		String first = issue(alice);
		String second = issue(alice);

		assertThat(second).isNotEqualTo(first);
		assertThat(new Browser(this.port).signIn(alice.login(), first).location()).isEqualTo("/login?error");
		assertThat(new Browser(this.port).signIn(alice.login(), second).location())
			.isEqualTo("/login/new-password");
	}

	@Test
	void sessionWaitingForANewPasswordEndsWhenAnotherTemporaryPasswordIsGenerated() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), issue(alice));
		Page form = browser.get("/login/new-password");

		issue(alice);
		Page refused = form.form("form[action$=/login/new-password]").set("password", NEW_PASSWORD).submit();

		assertThat(refused.location()).isEqualTo("/login?expired");
		assertThat(new Browser(this.port).signIn(alice.login(), NEW_PASSWORD).location()).isEqualTo("/login?error");
	}

	@Test
	void concurrentSignInsWithTheSameTemporaryPasswordLetOnlyOneIn() throws Exception {
		Account alice = People.alice(this.accounts);
		String password = issue(alice);
		List<Callable<String>> signIns = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Browser browser = new Browser(this.port);
			String csrf = browser.get("/login").csrf();
			signIns.add(() -> browser.post("/login",
					Map.of("_csrf", csrf, "username", alice.login(), "password", password)).location());
		}

		ExecutorService pool = Executors.newFixedThreadPool(signIns.size());
		List<String> answers = new ArrayList<>();
		for (Future<String> answer : pool.invokeAll(signIns)) {
			answers.add(answer.get());
		}
		pool.shutdown();

		assertThat(answers).filteredOn("/login/new-password"::equals).hasSize(1);
		assertThat(answers).filteredOn("/login?error"::equals).hasSize(signIns.size() - 1);
	}

	private String issue(Account account) {
		return this.admin.get("/admin/users/" + account.id())
			.form("form[action$=/password-reset/temporary]")
			.submit()
			.document()
			.select("#temporary-password")
			.text();
	}

	private List<String> methodsOf(Account account) {
		return this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	private static Page choose(Browser browser, String password) {
		return browser.get("/login/new-password").form("form[action$=/login/new-password]")
			.set("password", password)
			.submit();
	}

}
