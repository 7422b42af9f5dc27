package org.latchkey.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.web.MyAccountForms.chooseNewEmail;
import static org.latchkey.web.MyAccountForms.startEmailChange;
import static org.latchkey.web.MyAccountForms.submitEmailCode;
import static org.latchkey.web.TwoFactorUsers.codesAddress;

/**
 * My account → change 2FA email, through HTTP with the codes read from a real SMTP server: a code to the
 * current address, then one to the new address; the old address and the business email are told, and the
 * next sign-in's code goes to the new one. No proof can be skipped.
 */
@LatchkeyTest
class TwoFactorEmailChangeTests extends MyAccountScenarios {

	@Test
	void codesFromTheCurrentThenTheNewAddressChangeItTheOldOneAndTheBusinessEmailAreToldAndTheNextSignInUsesTheNew() {
		Account alice = this.users.alice();
		String chosen = "new-" + alice.login() + "@example.org";
		Browser browser = this.users.signIn(alice);
		String signedIn = SessionIds.of(browser);

		Page started = startEmailChange(browser);
		assertThat(started.location()).isEqualTo("/account/two-factor-email");
		assertThat(started.follow().text()).contains("We sent a six-digit code to " + codesAddress(alice));
		Page proven = submitEmailCode(browser, "current", this.mailbox.nextCode(codesAddress(alice)));
		assertThat(proven.location()).isEqualTo("/account/two-factor-email");
		assertThat(proven.follow().text()).contains("It is you. Now enter the new address.");
		String currentProven = SessionIds.renewed(this.port, browser, signedIn, "the current address was proven");
		Page sent = chooseNewEmail(browser, chosen);
		assertThat(sent.follow().text()).contains("We sent a six-digit code to " + chosen);
		Page done = submitEmailCode(browser, "new", this.mailbox.nextCode(chosen));

		assertThat(done.location()).isEqualTo("/account");
		assertThat(done.follow().text()).contains("Your 2FA email was changed", chosen);
		SessionIds.renewed(this.port, browser, currentProven, "the 2FA email was changed");
		assertThat(this.emailFactors.addressOf(alice.id())).contains(chosen);
		assertThat(Mailbox.text(this.mailbox.next(codesAddress(alice))))
			.contains("no longer sent to this address", "n***@example.org", "If you did not make this change")
			.doesNotContain(chosen);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("2FA email of your Latchkey account", "was just changed", "n***@example.org")
			.doesNotContain(chosen);
		assertThat(this.users.signIn(alice, People.PASSWORD, chosen).get("/account").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'TWO_FACTOR_EMAIL_CHANGED' AND outcome = 'SUCCESS'
				AND subject_account_id = :id
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void newAddressIsRefusedBeforeTheCurrentOneIsProven() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startEmailChange(browser);
		String csrf = browser.get("/account").csrf();

		Page skipped = browser.post("/account/two-factor-email/new-address",
				Map.of("_csrf", csrf, "email", "thief@example.net"));
		Page skippedCode = browser.post("/account/two-factor-email/new", Map.of("_csrf", csrf, "code", "123456"));

		assertThat(skipped.status()).isEqualTo(400);
		assertThat(skipped.text()).contains("First enter the code sent to your current 2FA email");
		assertThat(skippedCode.status()).isEqualTo(400);
		assertThat(codesSent(alice.id(), "EMAIL_CHANGE_NEW")).isZero();
		assertThat(this.emailFactors.addressOf(alice.id())).contains(codesAddress(alice));
	}

	@Test
	void noStepIsTakenWithoutAChangeInProgress() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		String csrf = browser.get("/account").csrf();

		Page refused = browser.post("/account/two-factor-email/current", Map.of("_csrf", csrf, "code", "123456"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("No change of your 2FA email is in progress");
		assertThat(browser.get("/account/two-factor-email").location()).isEqualTo("/account");
	}

	@Test
	void wrongCodeForTheCurrentAddressKeepsTheChangeAtItsFirstStep() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startEmailChange(browser);
		String code = this.mailbox.nextCode(codesAddress(alice));

		Page refused = submitEmailCode(browser, "current", code.equals("000000") ? "111111" : "000000");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#code-error").text()).contains("This is not the code we sent");
		assertThat(refused.document().select("form[action$=/new-address]")).isEmpty();
		assertThat(submitEmailCode(browser, "current", code).location()).isEqualTo("/account/two-factor-email");
	}

	@Test
	void currentAddressIsRefusedAsTheNewOne() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startEmailChange(browser);
		submitEmailCode(browser, "current", this.mailbox.nextCode(codesAddress(alice)));

		Page refused = chooseNewEmail(browser, codesAddress(alice).toUpperCase());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#email-error").text()).contains("This is already your 2FA email");
		assertThat(codesSent(alice.id(), "EMAIL_CHANGE_NEW")).isZero();
	}

	@Test
	void userWithoutATwoFactorEmailProvesOnlyTheNewAddressAndTheBusinessEmailIsTold() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		String chosen = "first-" + alice.login() + "@example.org";
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		assertThat(browser.get("/account").text()).contains("None yet");
		assertThat(startEmailChange(browser).follow().text()).contains("Enter the address where Latchkey");
		chooseNewEmail(browser, chosen);
		Page done = submitEmailCode(browser, "new", this.mailbox.nextCode(chosen));

		assertThat(done.location()).isEqualTo("/account");
		assertThat(this.emailFactors.addressOf(alice.id())).contains(chosen);
		assertThat(codesSent(alice.id(), "EMAIL_CHANGE_CURRENT")).isZero();
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("f***@example.org");
	}

}
