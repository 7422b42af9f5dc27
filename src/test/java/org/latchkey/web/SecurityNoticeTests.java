package org.latchkey.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notices a user's business email gets about their second factors, through HTTP and a real SMTP server:
 * a right password followed by a wrong code (once per sign-in, however many codes fail), a method removed by
 * them or by an administrator, a phone number set or changed, SMS codes configured. Each event sends exactly
 * one notice, and none carries a code or a full phone number.
 */
@LatchkeyTest
@StorageInvariants
class SecurityNoticeTests extends MailScenarios {

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	@Autowired
	SmsAdministration sms;

	@BeforeEach
	void usersMayTurnTwoFactorOn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
	}

	@Test
	void wrongCodesAfterTheRightPasswordTellTheOwnerOncePerSignIn() {
		Account alice = SignIns.turnedOn(this.optIns,
				SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts)));
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";

		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(SignIns.submitCode(browser, wrong).status()).isEqualTo(400);
		}

		assertThat(notices("second-factor-failed", alice)).isEqualTo(1);
		String notice = Mailbox.text(this.mailbox.next(alice.businessEmail()));
		assertThat(notice).contains("entered your password correctly, then a wrong sign-in code")
			.contains("from the address 127.0.0.1")
			.contains("change it at once")
			.contains("/account/password")
			.doesNotContain(wrong)
			.doesNotContain(code);
		assertThat(SignIns.submitCode(browser, code).location()).isEqualTo("/");
		assertThat(notices("second-factor-failed", alice)).isEqualTo(1);

		Browser again = new Browser(this.port);
		assertThat(again.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String next = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		assertThat(SignIns.submitCode(again, next.equals("000000") ? "111111" : "000000").status()).isEqualTo(400);

		assertThat(notices("second-factor-failed", alice)).isEqualTo(2);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("a wrong sign-in code");
	}

	@Test
	void wrongAppCodeIsNoticedInFrenchToo() {
		Account alice = People.alice(this.accounts);
		String secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		this.clock.advance(Duration.ofSeconds(30));
		Browser browser = new Browser(this.port).acceptLanguage("fr-FR");
		browser.signIn(alice.login(), People.PASSWORD);
		String right = Totp.code(secret, this.clock);

		Page wrong = browser.get("/login/verify").form("form[action$=/login/verify/app]")
			.set("code", right.equals("000000") ? "111111" : "000000")
			.submit();

		assertThat(wrong.status()).isEqualTo(400);
		assertThat(notices("second-factor-failed", alice)).isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("a saisi votre mot de passe correctement, puis un code de connexion erron\u00e9")
			.contains("127.0.0.1");
	}

	@Test
	void removingAMethodFromMyAccountTellsTheOwner() {
		Account alice = People.alice(this.accounts);
		String secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		Browser browser = signInWithApp(alice, secret);

		Page confirm = browser.get("/account").form("#method-AUTHENTICATOR_APP form[action$=/remove]").submit().follow();
		Page byEmail = confirm.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		assertThat(notices("second-factor-removed", alice)).isZero();
		Page done = byEmail.form("form[action$=/account/methods/confirm]").set("code", code).submit();

		assertThat(done.location()).isEqualTo("/account");
		assertThat(notices("second-factor-removed", alice)).isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("The method \u201cAuthenticator app\u201d was removed from your Latchkey account in My account")
			.doesNotContain(code);
	}

	@Test
	void administratorRemovingAMethodOrResettingTheTwoFactorEmailTellsTheOwner() {
		Account alice = People.alice(this.accounts);
		String secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		Browser admin = signedIn(People.ada(this.accounts));

		admin.get("/admin/users/" + alice.id()).form("#methods form:has(input[value=AUTHENTICATOR_APP])").submit();

		assertThat(notices("second-factor-removed", alice)).isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("An administrator of Latchkey removed the method \u201cAuthenticator app\u201d from your account")
			.doesNotContain(secret);

		admin.get("/admin/users/" + alice.id()).form("form[action$=/two-factor-email/reset]").submit();

		assertThat(notices("two-factor-email-reset", alice)).isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("reset the 2FA email");
		assertThat(notices("second-factor-removed", alice)).isEqualTo(1);
	}

	@Test
	void savingAndChangingAPhoneNumberTellsTheOwnerWithTheNumberMasked() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String first = SmsProviderStub.newNumber();
		String second = SmsProviderStub.newNumber();

		savePhone(browser, first);
		assertThat(notices("phone-number-saved", alice)).isEqualTo(1);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("The phone number " + masked(first) + " was saved")
			.doesNotContain(first);

		savePhone(browser, second);
		assertThat(notices("phone-number-saved", alice)).isEqualTo(2);
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("The phone number of your Latchkey account was changed: it is now " + masked(second))
			.doesNotContain(second);
	}

	@Test
	void confirmingAPhoneForSmsCodesTellsTheOwnerOnceWithTheNumberMasked() {
		useTwilio();
		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String number = SmsProviderStub.newNumber();

		Page sent = savePhone(browser, number);
		String code = provider.awaitRequestsTo(number, 1).get(0).code();
		assertThat(notices("phone-number-saved", alice)).isZero();
		assertThat(sent.follow().form("form[action$=/account/phone/confirm]").set("code", code).submit().location())
			.isEqualTo("/account");
		assertThat(notices("phone-number-saved", alice)).isEqualTo(1);
		// the confirmation tells both, in one transaction; the poll may send the second while the first goes out
		List<String> told = List.of(Mailbox.text(this.mailbox.next(alice.businessEmail())),
				Mailbox.text(this.mailbox.next(alice.businessEmail())));

		Page chosen = browser.get("/account/two-factor").form("form[action$=/account/two-factor/on]").submit();

		assertThat(chosen.location()).isEqualTo("/login?ended=two_factor_configured");
		assertThat(notices("sms-codes-configured", alice)).isEqualTo(1);
		assertThat(told).anySatisfy(text -> assertThat(text).contains("a code sent by SMS to " + masked(number)))
			.allSatisfy(text -> assertThat(text).doesNotContain(number).doesNotContain(code));
	}

	/** How many notices of {@code template} went to the account's business email. */
	private long notices(String template, Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE template = :template AND recipient = :to")
			.param("template", template)
			.param("to", account.businessEmail())
			.query(Long.class)
			.single();
	}

	private Browser signInWithApp(Account account, String secret) {
		this.clock.advance(Duration.ofSeconds(30));
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		assertThat(browser.get("/login/verify")
			.form("form[action$=/login/verify/app]")
			.set("code", Totp.code(secret, this.clock))
			.submit()
			.location()).isEqualTo("/");
		return browser;
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private static Page savePhone(Browser browser, String number) {
		return browser.get("/account/phone").form("form[action$=/account/phone]").set("phone", number).submit();
	}

	private void useTwilio() {
		this.sms.change(new SmsProviderChange("TWILIO", "AC0123456789abcdef0123456789abcdef", "twilio-auth-token-7f3e9a1c5b",
				"+15005550006", null, null, null, false, null, null, "200", ""));
	}

	/** The number as {@code Masks.phone} shows it: the country code and the last two digits. */
	private static String masked(String number) {
		return number.substring(0, 3) + "*".repeat(number.length() - 5) + number.substring(number.length() - 2);
	}

}
