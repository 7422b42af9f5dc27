package org.latchkey.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

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
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS codes as a restricted method (NIST SP 800-63B-4, ASVS 5.0 6.6.1): the pages where a user sets them up
 * explain the risk, and the console refuses to allow them without the authenticator app, even to a request
 * forged past its form. The console also says that email codes do not meet NIST AAL2 or ASVS level 3.
 */
@LatchkeyTest
class SmsRiskTests extends MailScenarios {

	@Autowired
	SmsAdministration sms;

	/** A provider is configured so that SMS codes may be allowed; no test here sends one. */
	@BeforeEach
	void twilioAndEveryMethodAllowed() {
		this.sms.change(new SmsProviderChange("TWILIO", "AC0123456789abcdef0123456789abcdef", "twilio-auth-token-7f3e9a1c5b",
				"+15005550006", null, null, null, false, null, null, "200", ""));
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
	}

	/** The context is shared with classes that expect no provider, as a new installation has none. */
	@AfterEach
	void noProvider() {
		this.sms.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null, null, "200", ""));
	}

	@Test
	void pagesWhereSmsIsSetUpExplainItsRisk() {
		Browser alice = signedIn(People.alice(this.accounts));

		Page configure = alice.get("/account/two-factor");
		Page phone = alice.get("/account/phone");

		assertThat(configure.document().select("#configure-sms #sms-risk").text())
			.contains("SIM swap")
			.contains("forwarding")
			.contains("An authenticator app keeps its codes on your phone and is safer");
		assertThat(phone.document().select("#sms-risk").text()).contains("SIM swap").contains("is safer");
	}

	@Test
	void phonePageSaysNothingOfSmsRiskWhileSmsCodesAreNotAllowed() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.AUTHENTICATOR_APP), true);
		Browser alice = signedIn(People.alice(this.accounts));

		assertThat(alice.get("/account/phone").document().select("#sms-risk")).isEmpty();
		assertThat(alice.get("/account/two-factor").document().select("#configure-sms")).isEmpty();
	}

	@Test
	void riskIsExplainedInFrenchToo() {
		Account alice = People.alice(this.accounts);
		Browser french = new Browser(this.port).acceptLanguage("fr-FR");
		assertThat(french.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		assertThat(french.get("/account/two-factor").document().select("#sms-risk").text())
			.contains("\u00e9change de carte SIM")
			.contains("plus s\u00fbre");
	}

	@Test
	void consoleRefusesSmsCodesWithoutTheAuthenticatorApp() {
		Browser admin = signedIn(People.ada(this.accounts));
		long changesBefore = methodChanges();

		Page withEmail = postMethods(admin, "SMS_CODE", "EMAIL_CODE");
		Page smsOnly = postMethods(admin, "SMS_CODE");

		for (Page refused : List.of(withEmail, smsOnly)) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.document().select("#methods-error").text())
				.contains("SMS codes can only be allowed together with the authenticator app");
		}
		assertThat(this.policy.current().allowedMethods()).isEqualTo(EVERY_CODE_METHOD);
		assertThat(methodChanges()).isEqualTo(changesBefore);

		Page withApp = postMethods(admin, "SMS_CODE", "AUTHENTICATOR_APP");
		assertThat(withApp.location()).isEqualTo("/admin/authentication");
		assertThat(this.policy.current().allowedMethods())
			.containsExactlyInAnyOrder(SecondFactorKind.SMS_CODE, SecondFactorKind.AUTHENTICATOR_APP);
	}

	@Test
	void consoleSaysEmailCodesDoNotMeetAal2AndSmsNeedsTheApp() {
		Page settings = signedIn(People.ada(this.accounts)).get("/admin/authentication");

		assertThat(settings.document().select("label:has(input[value=EMAIL_CODE]) #email-code-aal").text())
			.contains("Does not meet NIST AAL2 or OWASP ASVS level 3");
		assertThat(settings.document().select("label:has(input[value=SMS_CODE]) #sms-code-risk").text())
			.contains("Only while the authenticator app is allowed too");
	}

	/** Posts the methods form as a request forged past it would: any set of boxes, with a valid token. */
	private static Page postMethods(Browser admin, String... methods) {
		StringBuilder body = new StringBuilder(
				"_csrf=" + URLEncoder.encode(admin.get("/admin/authentication").csrf(), StandardCharsets.UTF_8));
		for (String method : methods) {
			body.append("&methods=").append(method);
		}
		return admin.postRaw("/admin/authentication/methods", body.toString().getBytes(StandardCharsets.UTF_8),
				"application/x-www-form-urlencoded");
	}

	private long methodChanges() {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'ALLOWED_METHODS_CHANGED'")
			.query(Long.class)
			.single();
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

}
