package org.latchkey.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.jsoup.nodes.Document;
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
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pages say about second-factor methods agrees with the methods the organisation allows: with only the
 * authenticator app allowed, no page a user or an administrator reads (in English or French) offers or promises
 * a code by email, and no page names a menu the console does not have.
 */
@LatchkeyTest
class MethodTextsTests extends MailScenarios {

	@Autowired
	SmsAdministration sms;

	/** What would offer or promise an emailed code, in either language, lower-cased. */
	private static final List<String> EMAIL_CODES = List.of("by email", "email code", "2fa email", "sent to their",
			"par e-mail", "e-mail 2fa");

	@Test
	void withOnlyTheAppAllowedNoPageSpeaksOfEmailCodes() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String secret = Totp.enrol(browser, this.clock);
		this.mailbox.next(alice.businessEmail());
		Browser administrator = new Browser(this.port);
		assertThat(administrator.signIn(People.ada(this.accounts).login(), People.PASSWORD).location())
			.isEqualTo("/");
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.AUTHENTICATOR_APP), false);
		for (String language : List.of("en", "fr")) {
			assertSpeaksOfNoEmailCode(administrator.acceptLanguage(language).get("/admin/authentication"));
		}
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);

		for (String language : List.of("en", "fr")) {
			Browser user = new Browser(this.port).acceptLanguage(language);
			assertSpeaksOfNoEmailCode(user.get("/login?ended=two_factor_enabled"));
			user.signIn(alice.login(), People.PASSWORD);
			assertSpeaksOfNoEmailCode(user.get("/login/verify"));
			Totp.signIn(user, alice, secret, this.clock);
			for (String page : List.of("/", "/account", "/account/two-factor", "/account/authenticator")) {
				assertSpeaksOfNoEmailCode(user.get(page));
			}
		}
	}

	@Test
	void consoleNamesTheMenuWhereTheSmsProviderIsSet() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.sms.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null, null, "200",
				""));
		Browser administrator = new Browser(this.port);
		assertThat(administrator.signIn(People.ada(this.accounts).login(), People.PASSWORD).location())
			.isEqualTo("/");

		Page page = administrator.get("/admin/authentication");
		Page french = administrator.acceptLanguage("fr").get("/admin/authentication");

		assertThat(page.document().select("#methods-help").text()).contains("Advanced settings")
			.doesNotContain("System");
		assertThat(page.document().select("nav.subnav a").eachText()).contains("Advanced settings");
		assertThat(french.document().select("#methods-help").text()).contains("Param\u00e8tres avanc\u00e9s")
			.doesNotContain("Syst\u00e8me");
		assertThat(page.text()).doesNotContain("coming next");
		assertThat(french.text()).doesNotContain("\u00e0 venir");
	}

	/** The page's main text, without the list an administrator chooses the allowed methods from. */
	private static void assertSpeaksOfNoEmailCode(Page page) {
		assertThat(page.status()).as(page.response().uri().toString()).isEqualTo(200);
		Document document = page.document();
		document.select("main fieldset").remove();
		String text = document.select("main").text().toLowerCase(Locale.ROOT);
		assertThat(EMAIL_CODES).as("%s says: %s", page.response().uri(), text).noneMatch(text::contains);
	}

}
