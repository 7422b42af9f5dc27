package org.latchkey.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jsoup.nodes.Element;
import org.latchkey.account.Account;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.RecoveryScenarios;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery codes through the pages: the first set after the first sign-in with a second factor, which must be
 * ticked as saved to go on; signing in with one (the business email is told, My account asks to review the
 * methods); a new set only after a fresh second factor; the console's count, never the codes; and nothing of
 * it while the administrator leaves recovery codes off.
 */
@LatchkeyTest
class RecoveryCodePageTests extends RecoveryScenarios {

	@BeforeEach
	void recoveryCodesAreOn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.options.change(true, 0, 0);
	}

	private static List<String> shownCodes(Page page) {
		List<String> codes = page.document().select("#recovery-codes li code").stream().map(Element::text).toList();
		codes.forEach(Secrets::seen);
		return codes;
	}

	@Test
	void theFirstSignInWithASecondFactorShowsTenCodesThatMustBeTickedAsSavedToGoOn() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page signedIn = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		assertThat(signedIn.location()).isEqualTo("/account/recovery-codes/new");
		Page shown = signedIn.follow().form("form[action$=/account/recovery-codes/new]").submit();

		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.header("Cache-Control")).contains("no-store");
		List<String> codes = shownCodes(shown);
		assertThat(codes).hasSize(10).doesNotHaveDuplicates()
			.allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"));
		assertThat(shown.document().selectFirst("a#download").attr("href")).startsWith("data:text/plain")
			.contains(codes.get(0));
		assertThat(shown.document().selectFirst("a#download").hasAttr("download")).isTrue();

		Page notTicked = shown.form("form[action$=/account/recovery-codes/saved]").remove("saved").submit();
		assertThat(notTicked.status()).isEqualTo(400);
		assertThat(notTicked.text()).contains("Tick \u201cI have saved them\u201d to go on");
		assertThat(this.recoveryCodes.hasSavedSet(alice.id())).isFalse();

		Page ticked = shown.form("form[action$=/account/recovery-codes/saved]").set("saved", "on").submit();
		assertThat(ticked.location()).isEqualTo("/");
		assertThat(this.recoveryCodes.hasSavedSet(alice.id())).isTrue();
		assertThat(browser.get("/account").text()).contains("10 of your recovery codes are left");
	}

	@Test
	void aRecoveryCodeSignsInTellsTheBusinessEmailAndAsksToReviewTheMethods() {
		List<String> codes = new java.util.ArrayList<>();
		Account alice = aliceWithCodes(codes);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page codePage = browser.get("/login/verify");
		assertThat(codePage.document().select("a[href$=method=recovery]")).hasSize(1);

		Page signedIn = browser.get("/login/verify?method=recovery")
			.form("form[action$=/login/verify/recovery]")
			.set("recoveryCode", codes.get(3).toLowerCase())
			.submit();

		assertThat(signedIn.location()).isEqualTo("/account");
		Page account = signedIn.follow();
		assertThat(account.document().select("#review-methods")).hasSize(1);
		assertThat(account.text()).contains("9 of your recovery codes are left");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("recovery codes was just used")
			.contains("You have 9 left");
		assertThat(this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.list()).containsExactly("RECOVERY_CODE");
		assertThat(browser.get("/account").document().select("#review-methods")).as("shown once").isEmpty();
	}

	@Test
	void aWrongOrUsedRecoveryCodeIsRefusedAndCountsAsAFailedSecondStep() {
		List<String> codes = new java.util.ArrayList<>();
		Account alice = aliceWithCodes(codes);
		this.recoveryCodes.spend(alice.id(), codes.get(0));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page used = browser.get("/login/verify?method=recovery")
			.form("form[action$=/login/verify/recovery]")
			.set("recoveryCode", codes.get(0))
			.submit();

		assertThat(used.status()).isEqualTo(400);
		assertThat(used.text()).contains("This recovery code does not work");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE subject_account_id = :id AND event = 'SECOND_FACTOR'
				AND outcome = 'FAILURE'
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aNewSetAsksForAFreshSecondFactorAndTheOldSetStopsWorking() {
		List<String> old = new java.util.ArrayList<>();
		Account alice = aliceWithCodes(old);
		Browser browser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		assertThat(browser.get("/account/recovery-codes/new").location()).as("no fresh factor yet").isEqualTo("/account");
		assertThat(browser.post("/account/recovery-codes/new", java.util.Map.of("_csrf", browser.get("/account").csrf()))
			.location()).isEqualTo("/account");

		Page confirm = browser.get("/account").form("form[action$=/account/methods/new-recovery-codes]").submit().follow();
		assertThat(confirm.text()).contains("To make a new set of recovery codes, confirm with a fresh code");
		this.clock.advance(Duration.ofMinutes(1));
		Page byEmail = confirm.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		Page proven = byEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit();
		assertThat(proven.location()).isEqualTo("/account/recovery-codes/new");
		Page shown = proven.follow().form("form[action$=/account/recovery-codes/new]").submit();
		List<String> renewed = shownCodes(shown);
		assertThat(shown.form("form[action$=/account/recovery-codes/saved]").set("saved", "on").submit().location())
			.isEqualTo("/account");

		assertThat(renewed).hasSize(10).doesNotContainAnyElementsOf(old);
		assertThat(this.recoveryCodes.spend(alice.id(), old.get(5))).as("a code of the old set").isFalse();
		assertThat(this.recoveryCodes.spend(alice.id(), renewed.get(5))).as("a code of the new set").isTrue();
		assertThat(browser.get("/account/recovery-codes/new").location()).as("the permit was spent").isEqualTo("/account");
	}

	@Test
	void theConsoleShowsHowManyCodesAreLeftButNeverTheCodes() {
		List<String> codes = new java.util.ArrayList<>();
		Account alice = aliceWithCodes(codes);
		this.recoveryCodes.spend(alice.id(), codes.get(0));
		Account ada = SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts));
		this.recoveryCodes.replace(ada.id()).forEach(Secrets::seen);
		this.recoveryCodes.markSaved(ada.id());
		Browser admin = SignIns.signedIn(this.port, ada, People.PASSWORD, this.mailbox);

		Page profile = admin.get("/admin/users/" + alice.id());

		assertThat(profile.document().selectFirst("#recovery-codes-left").text()).contains("9 left");
		codes.forEach(code -> assertThat(profile.body()).doesNotContain(code));
		Account ivan = People.alice(this.accounts);
		assertThat(admin.get("/admin/users?q=" + ivan.login()).text()).contains("no 2FA method yet");
		assertThat(admin.get("/admin/users?q=" + alice.login()).text()).doesNotContain("no 2FA method yet");
	}

	@Test
	void withRecoveryCodesOffNoSetIsAskedForAndNoneIsAccepted() {
		List<String> codes = new java.util.ArrayList<>();
		Account alice = aliceWithCodes(codes);
		this.options.change(false, 0, 0);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		assertThat(browser.get("/login/verify").document().select("a[href$=method=recovery]")).isEmpty();
		Page refused = browser.post("/login/verify/recovery",
				java.util.Map.of("_csrf", browser.get("/login/verify").csrf(), "recoveryCode", codes.get(0)));
		assertThat(refused.location()).isEqualTo("/login/verify");
		assertThat(this.recoveryCodes.remaining(alice.id())).isEqualTo(10);

		Account bob = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		assertThat(SignIns.signedIn(this.port, bob, People.PASSWORD, this.mailbox)).isNotNull();
	}

}
