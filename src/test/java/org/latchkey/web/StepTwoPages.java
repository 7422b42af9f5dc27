package org.latchkey.web;

import java.util.EnumSet;

import org.jsoup.nodes.Element;
import org.latchkey.account.Account;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step 2 reached, and what every page of step 2 owes a half-signed-in person: a top bar with nothing but "Sign out" (no way into
 * pages their session may not open), and a "Cancel and sign out" button that really ends the session.
 */
final class StepTwoPages {

	private StepTwoPages() {
	}

	/**
	 * {@code account}'s browser past the password, at step 2, while 2FA is required and {@code allowed} is the
	 * only method allowed.
	 */
	static Browser pastThePasswordWhereOnly(OrganisationPolicy policy, int port, SecondFactorKind allowed,
			boolean smsProviderConfigured, Account account) {
		policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		policy.changeAllowedMethods(EnumSet.of(allowed), smsProviderConfigured);
		Browser browser = new Browser(port);
		browser.signIn(account.login(), People.PASSWORD);
		return browser;
	}

	/** Checks {@code page}'s top bar and way out, then leaves through it: the session is over. */
	static void leaveThroughCancel(Page page) {
		Element topBar = page.document().selectFirst("header.topbar nav");
		assertThat(topBar).as("the top bar of a half-signed-in person").isNotNull();
		assertThat(topBar.select("a")).as("links in the top bar at step 2").isEmpty();
		assertThat(topBar.select("form[action$=/logout] button").text()).isEqualTo("Sign out");
		assertThat(page.document().select("main form[action$=/logout] button").text()).isEqualTo("Cancel and sign out");

		Page signedOut = page.form("main form[action$=/logout]").submit();

		assertThat(signedOut.location()).isEqualTo("/login?logout");
		assertThat(page.browser().get("/login/verify").location()).as("step 2 after leaving").matches(".*/login(\\?.*)?");
	}

}
