package org.latchkey.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.web.MyAccountForms.chooseNewEmail;
import static org.latchkey.web.MyAccountForms.confirmPasswordChange;
import static org.latchkey.web.MyAccountForms.startEmailChange;
import static org.latchkey.web.MyAccountForms.startPasswordChange;
import static org.latchkey.web.MyAccountForms.submitEmailCode;
import static org.latchkey.web.TwoFactorUsers.codesAddress;

/**
 * The My account page and what its forms refuse: only a fully signed-in user reaches it; a password the
 * rules refuse and every malformed input get a 400 with the message beside the field, and change nothing.
 */
@LatchkeyTest
class MyAccountPageTests extends MyAccountScenarios {

	@Test
	void accountPageShowsTheLoginInformationAndIsLinkedFromEveryPage() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		Page home = browser.get("/");
		Page account = browser.get("/account");

		assertThat(home.document().select("header nav a[href=/account]").text()).isEqualTo("My account");
		assertThat(home.document().select("main a[href=/account]")).isNotEmpty();
		assertThat(account.status()).isEqualTo(200);
		assertThat(account.document().select("#login-information dd").eachText()).containsExactly(alice.login(),
				"Alice Martin", alice.businessEmail(), codesAddress(alice));
		assertThat(account.document().select("#login-information a[href=/account/password]").text())
			.isEqualTo("Change password");
		assertThat(account.document().select("#login-information form[action$=/account/two-factor-email] button")
			.text()).isEqualTo("Change 2FA email");
	}

	@Test
	void pageIsInFrenchForAFrenchBrowser() {
		Browser browser = this.users.signIn(this.users.alice()).acceptLanguage("fr");

		assertThat(browser.get("/account").text()).contains("Informations de connexion", "Changer le mot de passe");
	}

	@Test
	void anonymousVisitorIsSentToTheSignInPage() {
		Browser anonymous = new Browser(this.port);

		assertThat(anonymous.get("/account").location()).endsWith("/login");
		assertThat(anonymous.get("/account/password").location()).endsWith("/login");
	}

	@Test
	void halfSignedInSessionIsSentBackToTheCodePage() {
		Account alice = this.users.alice();
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String csrf = browser.get("/login/verify").csrf();

		assertThat(browser.get("/account").location()).isEqualTo("/login/verify");
		assertThat(browser.post("/account/password", Map.of("_csrf", csrf, "currentPassword", People.PASSWORD,
				"password", PasswordChangeTests.NEW_PASSWORD)).location()).isEqualTo("/login/verify");
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void newPasswordTheRulesRefuseIsRefusedWithTheReasonAndNoCodeIsSent() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		Page tooShort = startPasswordChange(browser, People.PASSWORD, "short one");
		Page common = startPasswordChange(browser, People.PASSWORD, "qwertyuiop12345");
		Page twoFactorEmail = startPasswordChange(browser, People.PASSWORD, codesAddress(alice));

		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.document().select("#password-error").text()).contains("use at least 15 characters");
		assertThat(common.status()).isEqualTo(400);
		assertThat(common.document().select("#password-error").text()).contains("among the most common ones");
		assertThat(common.document().select("#password-guidance li")).isNotEmpty();
		assertThat(common.document().selectFirst("#password").attr("aria-describedby")).contains("password-error");
		assertThat(twoFactorEmail.status()).isEqualTo(400);
		assertThat(twoFactorEmail.document().select("#password-error").text())
			.contains("must not be your email address");
		assertThat(codesSent(alice.id(), "PASSWORD_CHANGE")).isZero();
	}

	@Test
	void newPasswordEqualToTheLoginIsRefused() {
		String login = People.unique("long-enough-login");
		Account grace = this.accounts.createActive(
				new NewAccount(login, "Grace Hopper", login + "@example.com", Role.USER), People.PASSWORD);
		this.emailFactors.set(grace.id(), codesAddress(grace));
		Browser browser = this.users.signIn(grace);

		Page refused = startPasswordChange(browser, People.PASSWORD, login.toUpperCase());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#password-error").text()).contains("must not be the login");
	}

	@Test
	void malformedPasswordsAreRefusedBesideTheirField() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		Page empty = startPasswordChange(browser, "", PasswordChangeTests.NEW_PASSWORD);
		Page huge = startPasswordChange(browser, "x".repeat(10_000), PasswordChangeTests.NEW_PASSWORD);
		Page hugeNew = startPasswordChange(browser, People.PASSWORD, "x y".repeat(3_400));
		Page control = startPasswordChange(browser, People.PASSWORD, "violet tractor\u0000under lanterns");

		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.document().select("#currentPassword-error").text()).contains("This field is required");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.document().select("#currentPassword-error").text()).contains("not your current password");
		assertThat(hugeNew.status()).isEqualTo(400);
		assertThat(hugeNew.document().select("#password-error").text()).contains("too long");
		assertThat(control.status()).isEqualTo(400);
		assertThat(control.document().select("#password-error").text()).contains("control characters");
		assertThat(codesSent(alice.id(), "PASSWORD_CHANGE")).isZero();
		assertThat(this.accounts.passwordMatches(alice.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void codeWithLettersIsRefusedBesideItsFieldWithoutCountingATry() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startPasswordChange(browser, People.PASSWORD, PasswordChangeTests.NEW_PASSWORD);
		String code = this.mailbox.nextCode(codesAddress(alice));

		Page letters = confirmPasswordChange(browser, "12ab56");
		Page huge = confirmPasswordChange(browser, "1".repeat(10_000));

		assertThat(letters.status()).isEqualTo(400);
		assertThat(letters.document().select("#code-error").text()).contains("A security code is six digits");
		assertThat(letters.document().selectFirst("#code").attr("aria-invalid")).isEqualTo("true");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT MAX(attempts) FROM code_challenge WHERE account_id = :id")
			.param("id", alice.id()).query(Integer.class).single()).isZero();
		assertThat(confirmPasswordChange(browser, code).location()).isEqualTo("/account");
	}

	@Test
	void malformedAddressesAndCodesAreRefusedOnTheTwoFactorEmailPages() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);
		startEmailChange(browser);
		Page letters = submitEmailCode(browser, "current", "abcdef");
		submitEmailCode(browser, "current", this.mailbox.nextCode(codesAddress(alice)));

		Page empty = chooseNewEmail(browser, "");
		Page malformed = chooseNewEmail(browser, "not an address");
		Page huge = chooseNewEmail(browser, "a".repeat(10_000) + "@example.org");
		Page control = chooseNewEmail(browser, "new\u0007" + alice.login() + "@example.org");

		assertThat(letters.status()).isEqualTo(400);
		assertThat(letters.document().select("#code-error").text()).contains("A security code is six digits");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.document().select("#email-error").text()).contains("This field is required");
		for (Page refused : new Page[] { malformed, huge, control }) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.document().select("#email-error").text()).contains("not a valid email address");
			assertThat(refused.document().selectFirst("#email").attr("aria-invalid")).isEqualTo("true");
		}
		assertThat(codesSent(alice.id(), "EMAIL_CHANGE_NEW")).isZero();
		assertThat(this.emailFactors.addressOf(alice.id())).contains(codesAddress(alice));
	}

	@Test
	void formsWithoutTheirCsrfTokenAreRefused() {
		Account alice = this.users.alice();
		Browser browser = this.users.signIn(alice);

		Page password = browser.post("/account/password",
				Map.of("currentPassword", People.PASSWORD, "password", PasswordChangeTests.NEW_PASSWORD));
		Page email = browser.post("/account/two-factor-email", Map.of());

		assertThat(password.status()).isEqualTo(403);
		assertThat(email.status()).isEqualTo(403);
		assertThat(codesSent(alice.id(), "PASSWORD_CHANGE") + codesSent(alice.id(), "EMAIL_CHANGE_CURRENT")).isZero();
	}

}
