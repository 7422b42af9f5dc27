package org.latchkey.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every response carries (security headers, cookie attributes) and what a person sees when something
 * goes wrong: pages in the product's style, in their language, with no stack trace or framework name.
 */
@LatchkeyTest
@Import(PagesAndErrorsTests.Failing.class)
class PagesAndErrorsTests extends ApplicationScenarios {

	@Test
	void everyPageCarriesTheSecurityHeaders() {
		Page login = new Browser(this.port).get("/login");

		assertThat(login.header("Content-Security-Policy")).get()
			.asString()
			.contains("frame-ancestors 'none'")
			.contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(login.header("Referrer-Policy")).contains("no-referrer");
		assertThat(login.header("X-Content-Type-Options")).contains("nosniff");
		assertThat(login.header("X-Frame-Options")).contains("DENY");
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() {
		Page login = new Browser(this.port).get("/login");

		assertThat(login.response().headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("LATCHKEY_SESSION=")
			.contains("HttpOnly")
			.contains("SameSite=Lax"));
	}

	@Test
	void unknownPageIsA404InTheProductsStyle() {
		Page page = signedIn(People.alice(this.accounts)).get("/no/such/page");

		assertThat(page.status()).isEqualTo(404);
		assertNoInternals(page);
		assertThat(page.text()).contains("Page not found");
		assertThat(page.document().selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("/css/latchkey.css");
	}

	@Test
	void consoleIsA403PageForAPlainUser() {
		Page page = signedIn(People.alice(this.accounts)).get("/admin");

		assertThat(page.status()).isEqualTo(403);
		assertNoInternals(page);
		assertThat(page.text()).contains("You do not have access to this page");
	}

	@Test
	void anonymousVisitorIsSentToSignIn() {
		Page page = new Browser(this.port).get("/admin");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).endsWith("/login");
	}

	@Test
	void wrongMethodIsA405Page() {
		Browser browser = signedIn(People.alice(this.accounts));
		String csrf = browser.get("/").csrf();

		Page page = browser.post("/", Map.of("_csrf", csrf));

		assertThat(page.status()).isEqualTo(405);
		assertNoInternals(page);
		assertThat(page.text()).contains("This action is not allowed here");
	}

	@Test
	void failureInsideTheServerIsA500PageWithNoStackTrace() {
		Page page = signedIn(People.alice(this.accounts)).get("/test/failure");

		assertThat(page.status()).isEqualTo(500);
		assertNoInternals(page);
		assertThat(page.body()).doesNotContain("secret detail of the failure");
		assertThat(page.text()).contains("Something went wrong on our side");
	}

	@Test
	void apiPathsAnswerProblemDocuments() {
		Page page = signedIn(People.alice(this.accounts)).get("/api/nothing-here");

		assertThat(page.status()).isEqualTo(404);
		assertThat(page.header("Content-Type")).get().asString().startsWith("application/problem+json");
		assertThat(page.body()).contains("\"status\":404").contains("\"title\":\"Not Found\"");
	}

	@Test
	void pagesSpeakFrenchToFrenchBrowsers() {
		Page login = new Browser(this.port).acceptLanguage("fr-FR,fr;q=0.9").get("/login");

		assertThat(login.document().selectFirst("html").attr("lang")).isEqualTo("fr");
		assertThat(login.text()).contains("Connexion").contains("Mot de passe");
	}

	@Test
	void hostileSignInInputIsAnsweredLikeAWrongPassword() {
		Browser browser = new Browser(this.port);
		String login = "x".repeat(10_000);

		Page huge = browser.get("/login").form("form[action$=/login]").set("username", login).set("password", "p").submit();
		Page control = browser.get("/login")
			.form("form[action$=/login]")
			.set("username", "ali\u0000ce\r\n")
			.set("password", "p")
			.submit();
		Page missing = browser.get("/login").form("form[action$=/login]").remove("username").remove("password").submit();
		String csrf = browser.get("/login").csrf();
		byte[] brokenUtf8 = ("_csrf=" + csrf + "&username=").getBytes(StandardCharsets.US_ASCII);
		Page broken = browser.postRaw("/login", concat(brokenUtf8, new byte[] { (byte) 0xC3, 0x28, '&', 'p', '=', 'x' }),
				"application/x-www-form-urlencoded");

		assertThat(huge.location()).isEqualTo("/login?error");
		assertThat(control.location()).isEqualTo("/login?error");
		assertThat(missing.location()).isEqualTo("/login?error");
		assertThat(broken.status()).isBetween(300, 499);
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private static void assertNoInternals(Page page) {
		assertThat(page.body()).doesNotContainIgnoringCase("exception")
			.doesNotContainIgnoringCase("whitelabel")
			.doesNotContainIgnoringCase("springframework")
			.doesNotContainIgnoringCase("tomcat")
			.doesNotContain("at org.");
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	/** A page that fails inside the server, as a bug would. */
	@RestController
	static class Failing {

		@GetMapping("/test/failure")
		String fail() {
			throw new IllegalStateException("secret detail of the failure");
		}

	}

}
