package org.latchkey.web;

import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;

/** The forms of My account as a person fills them in: each opens its page, fills the form and submits it. */
final class MyAccountForms {

	private MyAccountForms() {
	}

	static Page startPasswordChange(Browser browser, String current, String password) {
		return browser.get("/account/password")
			.form("form[action$=/account/password]")
			.set("currentPassword", current)
			.set("password", password)
			.submit();
	}

	static Page confirmPasswordChange(Browser browser, String code) {
		return browser.get("/account/password/confirm")
			.form("form[action$=/account/password/confirm]")
			.set("code", code)
			.submit();
	}

	static Page startEmailChange(Browser browser) {
		return browser.get("/account").form("form[action$=/account/two-factor-email]").submit();
	}

	/** Submits a code on the 2FA email page, to the step's form ({@code current} or {@code new}). */
	static Page submitEmailCode(Browser browser, String step, String code) {
		return browser.get("/account/two-factor-email")
			.form("form[action$=/account/two-factor-email/" + step + "]")
			.set("code", code)
			.submit();
	}

	static Page chooseNewEmail(Browser browser, String address) {
		return browser.get("/account/two-factor-email")
			.form("form[action$=/account/two-factor-email/new-address]")
			.set("email", address)
			.submit();
	}

}
