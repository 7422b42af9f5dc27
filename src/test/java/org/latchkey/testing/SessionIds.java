package org.latchkey.testing;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a step gave a browser a new session id and that whoever held the previous one (planted in the
 * victim's browser, or read over their shoulder) is left with a session that is signed in to nothing.
 */
public final class SessionIds {

	private SessionIds() {
	}

	/** The browser's session id, under the session cookie's name over https or over http. */
	public static String of(Browser browser) {
		return browser.sessionCookie().orElseThrow(() -> new AssertionError("The browser holds no session cookie"));
	}

	/**
	 * Asserts that the browser's session id is no longer {@code before}, that the browser is still signed in,
	 * and that a browser holding {@code before} opens no account page; returns the new id.
	 */
	public static String renewed(int port, Browser browser, String before, String step) {
		String after = of(browser);
		assertThat(after).as("the session id after " + step).isNotEqualTo(before);
		assertThat(browser.get("/account").status()).as("My account after " + step).isEqualTo(200);
		String name = browser.cookie(Browser.SECURE_SESSION_COOKIE).isPresent() ? Browser.SECURE_SESSION_COOKIE
				: Browser.SESSION_COOKIE;
		Browser holder = new Browser(port).setCookie(name, before);
		for (String page : List.of("/account", "/", "/account/password")) {
			assertThat(holder.get(page).location()).as(page + " with the session id from before " + step)
				.startsWith("/login");
		}
		return after;
	}

}
