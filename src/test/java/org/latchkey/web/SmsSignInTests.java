package org.latchkey.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionIds;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's phone number → Save → "Configure 2FA" with SMS, and SMS codes at sign-in, through HTTP against
 * the production Twilio client talking to a local stub of the provider: the number is confirmed with an SMS
 * code before it is saved, configuring SMS signs the user out, step 2 asks for the default method first and
 * switches to the others, a cap reached offers the other methods, and changing the number asks for a fresh
 * code.
 */
@LatchkeyTest
class SmsSignInTests extends MailScenarios {

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() / 1000 % 1_000_000);

	@Autowired
	SmsAdministration sms;

	@BeforeEach
	void twilioAndEveryMethodAllowed() {
		useTwilio("200", "");
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
	}

	@AfterEach
	void defaultCap() {
		useTwilio("200", "");
	}

	@Test
	void phoneIsConfirmedWithAnSmsCodeBeforeItIsSaved() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String number = newNumber();

		Page sent = savePhone(browser, alice, spaced(number));
		assertThat(sent.location()).isEqualTo("/account/phone");
		assertThat(phoneRows(alice)).isZero();
		String code = nextSmsCode(number, 1);
		String wrong = code.equals("000000") ? "111111" : "000000";

		Page refused = sent.follow().form("form[action$=/account/phone/confirm]").set("code", wrong).submit();
		assertThat(refused.status()).isEqualTo(400);
		assertThat(phoneRows(alice)).isZero();

		Page confirmed = refused.form("form[action$=/account/phone/confirm]").set("code", code).submit();
		assertThat(confirmed.location()).isEqualTo("/account");
		assertThat(confirmed.follow().text()).contains(number).contains("Confirmed by SMS");
		assertThat(this.jdbc.sql("SELECT number FROM phone_number WHERE account_id = :id AND confirmed_at IS NOT NULL")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo(number);
	}

	@Test
	void numbersOfCountriesNotAllowedAreRefused() {
		useTwilio("200", "1");
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);

		String number = newNumber();
		Page refused = browser.get("/account/phone").form("form[action$=/account/phone]")
			.set("phone", number)
			.submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#phone-error").text()).contains("Numbers of this country are not allowed");
		assertThat(provider.requestsTo(number)).isEmpty();
		assertThat(phoneRows(alice)).isZero();
	}

	@Test
	void turningTwoFactorOnWithAConfirmedPhoneSignsTheUserOutAndTheNextSignInAsksForAnSmsCode() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		Browser browser = signedIn(alice);
		Browser otherDevice = signedIn(alice);
		confirmPhone(browser, alice, number, 1);

		Page configure = browser.get("/account/two-factor");
		Page signedOut = configure.form("form[action$=/account/two-factor/on]").submit();

		assertThat(signedOut.location()).isEqualTo("/login?ended=two_factor_configured");
		assertThat(signedOut.follow().text()).contains("Two-factor authentication is now on for your account");
		assertThat(otherDevice.get("/").location()).startsWith("/login");

		Browser next = new Browser(this.port);
		assertThat(next.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		Page ask = next.get("/login/verify");
		assertThat(ask.text()).contains("Enter the code we sent by SMS");
		Page sms = ask.form("form[action$=/login/verify/sms/send]").submit().follow();
		assertThat(sms.text()).contains(number.substring(0, 3) + "*").doesNotContain("The previous one no longer works");
		String code = nextSmsCode(number, 2);
		assertThat(provider.requestsTo(number).get(1).codeHost()).isEqualTo("localhost");

		Page wrong = sms.form("form[action$=/login/verify/sms]").set("code", code.equals("000000") ? "111111" : "000000")
			.submit();
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'SECOND_FACTOR' AND outcome = 'FAILURE'
				AND subject_account_id = :id AND detail = 'sms code wrong'
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);

		Page signedIn = wrong.form("form[action$=/login/verify/sms]").set("code", code).submit();
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(sessionMethods(alice)).containsExactly("SMS_CODE");
	}

	@Test
	void stepTwoAsksForTheAppFirstAndSwitchesToSmsOrEmail() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		String secret = withSmsAndApp(alice, number);
		SignIns.withTwoFactorEmail(this.emailFactors, alice);

		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page ask = browser.get("/login/verify");
		assertThat(ask.text()).contains("Enter the code from your authenticator app");
		assertThat(ask.document().select("form[action$=/login/verify/sms/send]")).hasSize(1);
		assertThat(ask.document().select("form[action$=/login/verify/resend]")).hasSize(1);

		Page sms = ask.form("form[action$=/login/verify/sms/send]").submit().follow();
		assertThat(sms.text()).contains("Enter the code we sent by SMS").contains("Use my authenticator app instead");
		Page email = sms.form("form[action$=/login/verify/resend]").submit().follow();
		assertThat(email.text()).contains("Enter your security code");
		String emailCode = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		Page signedIn = email.form("form[action$=/login/verify]").set("code", emailCode).submit();

		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(secret).isNotBlank();
	}

	@Test
	void confirmedPhoneIsOfferedAtSignInWithoutAnotherStep() {
		Account alice = SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.alice(this.accounts)));
		String number = newNumber();
		Browser owner = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		assertThat(owner.get("/account/phone").document().select("form[action$=/account/methods/change-phone] button")
			.text()).isEqualTo("Add a phone number");
		confirmPhone(owner, alice, number, 1);
		this.clock.advance(Duration.ofMinutes(1));

		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page ask = browser.get("/login/verify?method=email");

		assertThat(ask.document().select("form[action$=/login/verify/sms/send]")).hasSize(1);
		Page sms = ask.form("form[action$=/login/verify/sms/send]").submit().follow();
		Page signedIn = sms.form("form[action$=/login/verify/sms]").set("code", nextSmsCode(number, 2)).submit();
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(sessionMethods(alice)).containsExactlyInAnyOrder("EMAIL_CODE", "SMS_CODE");
	}

	@Test
	void choosingSmsFirstKeepsTheSessionAndTheNextSignInAsksForAnSmsCodeFirst() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		String secret = withSmsAndApp(alice, number);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		assertThat(browser.get("/login/verify").form("form[action$=/login/verify/app]")
			.set("code", Totp.code(secret, this.clock))
			.submit()
			.location()).isEqualTo("/");

		Page chosen = browser.get("/account/two-factor").form("form[action$=/account/phone/use-for-codes]").submit();

		assertThat(chosen.location()).isEqualTo("/account/two-factor");
		assertThat(chosen.follow().text()).contains("An SMS code is now asked first at sign-in");
		assertThat(browser.get("/account").status()).isEqualTo(200);
		Browser next = new Browser(this.port);
		next.signIn(alice.login(), People.PASSWORD);
		assertThat(next.get("/login/verify").document().select("form[action$=/login/verify/sms]")).hasSize(1);
	}

	@Test
	void anEmailCodeLeavesTheFiveSmsCodesOfTheWindow() {
		Account alice = People.alice(this.accounts);
		Browser browser = pastThePasswordWithEveryMethod(alice);
		browser.get("/login/verify").form("form[action$=/login/verify/resend]").submit();
		this.mailbox.nextCode(SignIns.twoFactorAddress(alice));

		for (int sms = 1; sms <= 5; sms++) {
			this.clock.advance(Duration.ofSeconds(31));
			browser.get("/login/verify?method=sms").form("form[action$=/login/verify/sms/send]").submit();
		}

		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM code_challenge WHERE account_id = :id AND purpose = 'SMS_SIGN_IN'
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(5);
	}

	@Test
	void atTheEmailLimitNoPageOffersACodeByEmail() {
		Account alice = People.alice(this.accounts);
		Browser browser = pastThePasswordWithEveryMethod(alice);
		for (int sent = 1; sent <= 5; sent++) {
			this.clock.advance(Duration.ofSeconds(31));
			browser.get("/login/verify").form("form[action$=/login/verify/resend]").submit();
			this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		}

		Page app = browser.get("/login/verify?method=app");
		Page sms = browser.get("/login/verify?method=sms");

		assertThat(app.document().select("form[action$=/login/verify/resend]")).isEmpty();
		assertThat(sms.document().select("form[action$=/login/verify/resend]")).isEmpty();
		assertThat(sms.document().select("form[action$=/login/verify/sms/send]")).hasSize(1);
	}

	@Test
	void capReachedSaysSoAndOffersTheOtherMethods() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		withSmsAndApp(alice, number);
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		useTwilio("1", "");

		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page refused = browser.get("/login/verify").form("form[action$=/login/verify/sms/send]").submit().follow();

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.text()).contains("Too many SMS were sent for now")
			.contains("Use my authenticator app instead");
		assertThat(refused.document().select("form[action$=/login/verify/resend]")).hasSize(1);
		assertThat(provider.requestsTo(number)).as("the set-up's two, none at sign-in").hasSize(2);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM code_challenge WHERE account_id = :id AND purpose = 'SMS_SIGN_IN'
				""").param("id", alice.id()).query(Long.class).single()).isZero();
	}

	@Test
	void changingTheNumberAsksForAFreshCodeAndKeepsSmsCodesOnTheNewNumber() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		Browser browser = signedIn(alice);
		confirmPhone(browser, alice, number, 1);
		browser.get("/account/two-factor").form("form[action$=/account/two-factor/on]").submit();
		browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		browser.get("/login/verify").form("form[action$=/login/verify/sms/send]").submit();
		assertThat(browser.get("/login/verify").form("form[action$=/login/verify/sms]")
			.set("code", nextSmsCode(number, 2))
			.submit()
			.location()).isEqualTo("/");
		String newNumber = newNumber();

		Page forged = browser.post("/account/phone", Map.of("_csrf", browser.get("/account").csrf(), "phone", newNumber));
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.text()).contains("confirm with a fresh code first");

		this.clock.advance(Duration.ofMinutes(1));
		Page phonePage = browser.get("/account/phone");
		assertThat(phonePage.document().select("form[action$=/account/methods/change-phone] button").text())
			.isEqualTo("Change my phone number");
		Page confirm = phonePage.form("form[action$=/account/methods/change-phone]").submit().follow();
		Page codeSent = confirm.form("form[action$=/confirm/send]").submit().follow();
		String before = SessionIds.of(browser);
		Page allowed = codeSent.form("form[action$=/account/methods/confirm]").set("code", nextSmsCode(number, 3)).submit();
		assertThat(allowed.location()).isEqualTo("/account/phone");
		String allowedId = SessionIds.renewed(this.port, browser, before, "a fresh code allowed changing the number");
		this.clock.advance(Duration.ofMinutes(1));
		confirmPhone(browser, alice, newNumber, 1);
		SessionIds.renewed(this.port, browser, allowedId, "the new number was confirmed");

		assertThat(this.jdbc.sql("SELECT number FROM phone_number WHERE account_id = :id AND sms_since IS NOT NULL")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo(newNumber);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'PHONE_NUMBER_SAVED' AND subject_account_id = :id
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void userWithNoAllowedMethodEnrolsAPhoneAtSignInWhenOnlySmsIsAllowed() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		String number = newNumber();
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.SMS_CODE, true, alice);

		Page verify = browser.get("/login/verify");
		assertThat(verify.location()).isEqualTo("/login/verify/phone-setup");
		Page sent = verify.follow().form("form[action$=/login/verify/phone-setup]").set("phone", number).submit();
		Page signedIn = sent.follow()
			.form("form[action$=/login/verify/phone-setup/confirm]")
			.set("code", nextSmsCode(number, 1))
			.submit();

		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(sessionMethods(alice)).containsExactly("SMS_CODE");
		assertThat(this.jdbc.sql("SELECT number FROM phone_number WHERE account_id = :id AND sms_since IS NOT NULL")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo(number);
	}

	@Test
	void phoneEnrolmentAtSignInOffersOnlyCancelAndSignOut() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		String number = newNumber();
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.SMS_CODE, true, alice);

		Page sent = browser.get("/login/verify/phone-setup")
			.form("form[action$=/login/verify/phone-setup]")
			.set("phone", number)
			.submit()
			.follow();

		assertThat(sent.document().select("form[action$=/login/verify/phone-setup/confirm]")).hasSize(1);
		StepTwoPages.leaveThroughCancel(sent);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM phone_number WHERE account_id = :id AND sms_since IS NOT NULL")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void phoneConfirmationSaysTheCodeCameBySms() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String number = newNumber();

		Page sent = savePhone(browser, alice, number).follow();
		Page french = browser.acceptLanguage("fr").get("/account/phone");

		assertThat(sent.document().select("#code-help").text()).isEqualTo("Six digits, from the SMS we just sent.");
		assertThat(french.document().select("#code-help").text()).contains("SMS").doesNotContain("e-mail");
		nextSmsCode(number, 1);
	}

	@Test
	void smsRefusedForGoodSaysItWasNotSentAndOffersTheOtherMethods() {
		Account alice = People.alice(this.accounts);
		String number = newNumber();
		withSmsAndApp(alice, number);
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		provider.answerTo(number, 401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		browser.get("/login/verify").form("form[action$=/login/verify/sms/send]").submit();
		new OutboxRows(this.jdbc).awaitStatus(this.jdbc.sql("SELECT MAX(id) FROM outbox_message WHERE channel = 'SMS'")
			.query(Long.class)
			.single(), "FAILED");
		Page page = browser.get("/login/verify?method=sms");
		Page french = browser.acceptLanguage("fr").get("/login/verify?method=sms");

		assertThat(page.text()).contains("Your code could not be sent by SMS: the SMS provider refused it")
			.doesNotContain("keeps trying")
			.doesNotContain("We sent a six-digit code")
			.contains("Use my authenticator app instead");
		assertThat(page.document().select("form[action$=/login/verify/resend]")).hasSize(1);
		assertThat(french.text()).contains("Votre code n\u2019a pas pu \u00eatre envoy\u00e9 par SMS")
			.doesNotContain("r\u00e9essaie et il arrivera");
		assertThat(page.document().select("#code-help").text()).doesNotContain("we just sent");
	}

	/** Gives Alice a confirmed number that receives codes, and an app (asked first); returns the app key. */
	private String withSmsAndApp(Account alice, String number) {
		Browser browser = signedIn(alice);
		confirmPhone(browser, alice, number, 1);
		Page confirm = browser.get("/account/authenticator").form("form[action$=/add-app]").submit().follow();
		Page bySms = confirm.form("form[action$=/confirm/send]:has(input[value=sms])").submit().follow();
		bySms.form("form[action$=/account/methods/confirm]").set("code", nextSmsCode(number, 2)).submit();
		String secret = Totp.enrol(browser, this.clock);
		this.mailbox.next(alice.businessEmail());
		this.clock.advance(Duration.ofMinutes(1));
		return secret;
	}

	/**
	 * A browser past the password of a user with an app, a phone and a 2FA email, once the window of the codes
	 * their set-up sent is over.
	 */
	private Browser pastThePasswordWithEveryMethod(Account alice) {
		withSmsAndApp(alice, newNumber());
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		this.clock.advance(Duration.ofMinutes(16));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		return browser;
	}

	private void confirmPhone(Browser browser, Account account, String number, int smsSoFar) {
		Page sent = savePhone(browser, account, number);
		assertThat(sent.location()).isEqualTo("/account/phone");
		Page confirmed = sent.follow().form("form[action$=/account/phone/confirm]")
			.set("code", nextSmsCode(number, smsSoFar))
			.submit();
		assertThat(confirmed.location()).isEqualTo("/account");
	}

	/**
	 * Saves a number on the phone page; a user who already has a 2FA email proves it first with a fresh emailed
	 * code, as adding any method asks.
	 */
	private Page savePhone(Browser browser, Account account, String typed) {
		Page phone = browser.get("/account/phone");
		if (!phone.document().select("form[action$=/account/methods/change-phone]").isEmpty()) {
			Page confirm = phone.form("form[action$=/account/methods/change-phone]").submit().follow();
			Page codeSent = confirm.form("form[action$=/confirm/send]").submit().follow();
			codeSent.form("form[action$=/account/methods/confirm]")
				.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(account)))
				.submit();
			phone = browser.get("/account/phone");
		}
		return phone.form("form[action$=/account/phone]").set("phone", typed).submit();
	}

	/** The code of the {@code nth} SMS this test sent to {@code number}, once it reached the provider. */
	private String nextSmsCode(String number, int nth) {
		return provider.awaitRequestsTo(number, nth).get(nth - 1).code();
	}

	private void useTwilio(String hourlyCap, String countries) {
		this.sms.change(new SmsProviderChange("TWILIO", "AC0123456789abcdef0123456789abcdef", "twilio-auth-token-7f3e9a1c5b",
				"+15005550006", null, null, null, false, null, null, hourlyCap, countries));
	}

	/**
	 * A French mobile number no other test uses, valid for libphonenumber (the stub's own numbers need only be
	 * E.164, and some of them fall in ranges France does not assign).
	 */
	private static String newNumber() {
		return "+33612" + String.format("%06d", NUMBERS.incrementAndGet() % 1_000_000);
	}

	/** "+33612345678" as a person types it: "+33 6 12 34 56 78". */
	private static String spaced(String number) {
		return number.substring(0, 3) + " " + number.substring(3, 4) + " " + number.substring(4).replaceAll("(..)", "$1 ").strip();
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private long phoneRows(Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM phone_number WHERE account_id = :id")
			.param("id", account.id())
			.query(Long.class)
			.single();
	}

	private List<String> sessionMethods(Account account) {
		return this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

}
