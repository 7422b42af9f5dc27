package org.latchkey.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionIds;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.web.MyAccountForms.confirmPasswordChange;
import static org.latchkey.web.MyAccountForms.startPasswordChange;
import static org.latchkey.web.TwoFactorUsers.codesAddress;

/**
 * My account → change password, through HTTP with the codes read from a real SMTP server: the current
 * password, the rules and a code to the 2FA email guard it; it ends every other session, renews this one and
 * tells the user.
 */
@LatchkeyTest
@StorageInvariants
class PasswordChangeTests extends MyAccountScenarios {

	static final String NEW_PASSWORD = "violet tractor under seventeen lanterns";

	@Test
	void codeFromTheTwoFactorEmailChangesThePasswordEndsOtherSessionsAndRenewsThisOne() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		Browser elsewhere = this.users.signIn(alice);
		String before = SessionIds.of(browser);

		Page sent = startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		assertThat(sent.location()).isEqualTo("/account/password/confirm");
		assertThat(sent.follow().text()).contains("We sent a six-digit code to a***@example.com");
		Page done = confirmPasswordChange(browser, this.mailbox.nextCode(codesAddress(alice)));

		assertThat(done.location()).isEqualTo("/account");
		assertThat(done.follow().text()).contains("Your password was changed");
		SessionIds.renewed(this.port, browser, before, "the password was changed");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.account_id = :id
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
		Page ended = elsewhere.get("/account");
		assertThat(ended.location()).isEqualTo("/login?ended=password_changed");
		assertThat(ended.follow().text()).contains("the password of this account was changed");
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		this.mailbox.next(codesAddress(alice)); // the notice of the change comes before the next code
		assertThat(this.users.signIn(alice, NEW_PASSWORD, codesAddress(alice)).get("/account").status())
			.isEqualTo(200);
	}

	@Test
	void userIsToldAtTheTwoFactorEmailAndTheBusinessEmailWithoutThePassword() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		confirmPasswordChange(browser, this.mailbox.nextCode(codesAddress(alice)));

		for (String address : new String[] { codesAddress(alice), alice.businessEmail() }) {
			String text = Mailbox.text(this.mailbox.next(address));
			assertThat(text).contains("Hello Alice Martin", "was just changed", "If you did not change it")
				.doesNotContain(NEW_PASSWORD);
		}
	}

	@Test
	void wrongCurrentPasswordIsRefusedBesideItsFieldAuditedAndNoCodeIsSent() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		Page refused = startPasswordChange(browser, "not my password at all, really", NEW_PASSWORD);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#currentPassword-error").text())
			.contains("This is not your current password");
		assertThat(refused.document().selectFirst("#currentPassword").attr("aria-invalid")).isEqualTo("true");
		assertThat(refused.document().select("input[type=password]").eachAttr("value")).allMatch(String::isEmpty);
		assertThat(codesSent(alice.id(), "PASSWORD_CHANGE")).isZero();
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'PASSWORD_CHANGED' AND outcome = 'FAILURE'
				AND subject_account_id = :id AND detail = 'wrong current password'
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void wrongCodeIsRefusedAndThePasswordIsUnchanged() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));

		Page refused = confirmPasswordChange(browser, code.equals("000000") ? "111111" : "000000");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#code-error").text()).contains("This is not the code we sent");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void expiredCodeIsRefusedAndThePasswordIsUnchanged() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));

		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		Page refused = confirmPasswordChange(browser, code);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("This code has expired");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void usedCodeIsRefusedTheSecondTimeAndTheSecondPasswordIsNotSet() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		confirmPasswordChange(browser, code);
		this.mailbox.next(codesAddress(alice));
		this.clock.advance(Duration.ofSeconds(31));
		startPasswordChange(browser, NEW_PASSWORD, "another quite different passphrase");
		this.mailbox.nextCode(codesAddress(alice));

		Page replay = confirmPasswordChange(browser, code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.text()).contains("This code was already used");
		assertThat(this.accounts.passwordMatches(alice.id(), NEW_PASSWORD)).isTrue();
	}

	@Test
	void tenConcurrentSubmissionsOfOneCodeChangeThePasswordOnce() throws Exception {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));
		String csrf = browser.get("/account/password/confirm").csrf();

		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Callable<Integer>> submissions = Collections.nCopies(10,
				() -> browser.post("/account/password/confirm", Map.of("_csrf", csrf, "code", code)).status());
		for (Future<Integer> status : pool.invokeAll(submissions)) {
			assertThat(status.get()).isBetween(200, 499);
		}
		pool.shutdown();

		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'PASSWORD_CHANGED' AND outcome = 'SUCCESS'
				AND subject_account_id = :id
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(this.accounts.passwordMatches(alice.id(), NEW_PASSWORD)).isTrue();
	}

	@Test
	void newCodeIsRefusedWithinThirtySecondsThenReplacesThePreviousOne() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		String first = this.mailbox.nextCode(codesAddress(alice));

		Page tooSoon = resend(browser).follow();
		this.clock.advance(Duration.ofSeconds(31));
		Page resent = resend(browser).follow();
		String second = this.mailbox.nextCode(codesAddress(alice));

		assertThat(tooSoon.text()).contains("A code was sent moments ago");
		assertThat(resent.text()).contains("A new code is on its way");
		assertThat(confirmPasswordChange(browser, first).text())
			.containsAnyOf("A newer code was sent since", "This is not the code we sent");
		assertThat(confirmPasswordChange(browser, second).location()).isEqualTo("/account");
	}

	@Test
	void codeStepWithoutTheFirstStepIsRefused() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		String csrf = browser.get("/account").csrf();

		Page refused = browser.post("/account/password/confirm", Map.of("_csrf", csrf, "code", "123456"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("No password change is waiting for a code");
		assertThat(browser.get("/account/password/confirm").location()).isEqualTo("/account/password");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void plainNewPasswordIsStoredNowhereNeitherWhileItWaitsForItsCodeNorAfter() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES WHERE ATTRIBUTE_NAME = :name")
			.param("name", "latchkey.passwordChange").query(Long.class).single()).isEqualTo(1);
		assertNowhereInTheDatabase(NEW_PASSWORD);
		confirmPasswordChange(browser, this.mailbox.nextCode(codesAddress(alice)));

		assertNowhereInTheDatabase(NEW_PASSWORD);
		assertThat(this.accounts.passwordMatches(alice.id(), NEW_PASSWORD)).isTrue();
	}

	@Test
	void userWithoutATwoFactorEmailChangesThePasswordWithTheCurrentOneAlone() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		Browser elsewhere = new Browser(this.port);
		elsewhere.signIn(alice.login(), People.PASSWORD);
		String before = SessionIds.of(browser);

		assertThat(browser.get("/account/password").text()).contains("Your password changes at once");
		Page done = startPasswordChange(browser, People.PASSWORD, NEW_PASSWORD);

		assertThat(done.location()).isEqualTo("/account");
		SessionIds.renewed(this.port, browser, before, "the password was changed with the current one alone");
		assertThat(this.accounts.passwordMatches(alice.id(), NEW_PASSWORD)).isTrue();
		assertThat(codesSent(alice.id(), "PASSWORD_CHANGE")).isZero();
		assertThat(elsewhere.get("/account").location()).isEqualTo("/login?ended=password_changed");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("was just changed");
	}

	private static Page resend(Browser browser) {
		return browser.get("/account/password/confirm").form("form[action$=/account/password/resend]").submit();
	}

	/** Scans the session attributes byte for byte, and every text column of the account and audit tables. */
	private void assertNowhereInTheDatabase(String password) {
		// ISO-8859-1 maps each byte to one char, so an ASCII password shows in the bytes as itself
		assertThat(this.jdbc.sql("SELECT ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES")
			.query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
			.list()).isNotEmpty().noneMatch(bytes -> bytes.contains(password));
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM account WHERE password_hash LIKE :text OR login LIKE :text
				OR display_name LIKE :text OR business_email LIKE :text
				""").param("text", "%" + password + "%").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE :text OR subject LIKE :text")
			.param("text", "%" + password + "%").query(Long.class).single()).isZero();
	}

}
