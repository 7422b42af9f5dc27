package org.latchkey.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.Routes;
import org.latchkey.testing.Routes.Route;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests an attacker forges: state changes without the CSRF token (every POST route, read from the handler
 * mapping), a session id known before the sign-in, a half-signed-in session trying every other route, and
 * redirect targets pointing at another site.
 */
@LatchkeyTest
class ForgedRequestTests extends MailScenarios {

	/** Paths anyone may open, signed in or not: a half-signed-in session reaching them learns nothing. */
	private static final Set<String> PUBLIC = Set.of("/login", "/first-login", "/first-login/start", "/password-reset",
			"/password-reset/sent", "/password-reset/choose", "/setup", "/error", "/login/passkey",
			// a proxy's question (403 from an untrusted address), and the way back to a listed site, which sends a
			// half-signed-in session to the code page once its address is one of a listed site
			"/auth/forward", "/auth/forward/sign-in",
			"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

	private static final List<String> HOSTILE_TARGETS = List.of("//evil.example", "https://evil.example",
			"http://evil.example/login", "/\\evil.example", "\\\\evil.example", "//evil.example/%2e%2e",
			"%2F%2Fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "https:evil.example",
			"/%09/evil.example", "javascript:alert(1)");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void everyStateChangingRouteRefusesARequestWithoutAValidCsrfToken() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account ada = People.ada(this.accounts);
		Browser admin = SignIns.signedIn(this.port, ada, People.PASSWORD, this.mailbox);
		// each session holds a token, as after any page: a request without one is then a forgery, not a stale form
		admin.get("/");
		Browser anonymous = new Browser(this.port);
		anonymous.get("/login");
		List<Route> routes = Routes.of(this.handlers, "POST", Map.of("id", Long.toString(ada.id())));
		long rowsBefore = rows();

		int refused = 0;
		for (Route route : routes) {
			if (route.path().startsWith("/api/")) {
				continue; // no cookie opens the API: each request carries its key (VerifyApiTests)
			}
			for (Browser browser : List.of(admin, anonymous)) {
				Page missing = browser.post(route.path(), Map.of("login", "mallory"));
				Page forged = browser.post(route.path(), Map.of("_csrf", "forged-" + route.path(), "login", "mallory"));
				for (Page answer : List.of(missing, forged)) {
					assertThat(answer.status()).as(route + " without a valid token: " + answer.header("Location"))
						.isEqualTo(403);
					assertThat(answer.text()).as(route.toString()).contains("This form has expired");
					refused++;
				}
			}
		}

		System.out.printf("CSRF: %d forged posts to %d routes, %d refused%n", routes.size() * 4, routes.size(), refused);
		assertThat(routes).as("the routes read from the handler mapping").hasSizeGreaterThan(25)
			.contains(new Route("POST", "/login/verify"), new Route("POST", "/admin/users"));
		assertThat(rows()).isEqualTo(rowsBefore);
		assertThat(admin.get("/").status()).isEqualTo(200);
	}

	@Test
	void loginAndLogoutRefuseARequestWithoutAValidCsrfToken() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.get("/login");

		Page login = browser.post("/login", Map.of("username", alice.login(), "password", People.PASSWORD));

		assertThat(login.status()).isEqualTo(403);
		assertThat(browser.get("/").location()).startsWith("/login");
		Browser signedIn = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		signedIn.get("/");
		assertThat(signedIn.post("/logout", Map.of()).status()).isEqualTo(403);
		assertThat(signedIn.get("/").status()).isEqualTo(200);
	}

	@Test
	void sessionIdChangesAfterEachStepAndTheOldOnesOpenNothing() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		browser.get("/login");
		String beforeSignIn = browser.cookie("LATCHKEY_SESSION").orElseThrow();

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String afterPassword = browser.cookie("LATCHKEY_SESSION").orElseThrow();
		assertThat(SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice))).location())
			.isEqualTo("/");
		String afterCode = browser.cookie("LATCHKEY_SESSION").orElseThrow();

		assertThat(afterPassword).isNotEqualTo(beforeSignIn);
		assertThat(afterCode).isNotEqualTo(afterPassword).isNotEqualTo(beforeSignIn);
		assertThat(browser.get("/").status()).isEqualTo(200);
		for (String planted : List.of(beforeSignIn, afterPassword)) {
			Browser attacker = new Browser(this.port).setCookie("LATCHKEY_SESSION", planted);
			assertThat(attacker.get("/").location()).startsWith("/login");
			assertThat(attacker.get("/login/verify").location()).startsWith("/login");
			assertThat(attacker.get("/account").location()).startsWith("/login");
		}
	}

	@Test
	void halfSignedInSessionReachesNothingButTheCodePageItsActionsAndSignOut() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account ada = SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts));
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String csrf = browser.get("/login/verify").csrf();
		Map<String, String> ids = Map.of("id", Long.toString(ada.id()));
		long rowsBefore = rows();

		int reached = 0;
		List<Route> gets = Routes.of(this.handlers, "GET", ids);
		for (Route route : gets) {
			if (route.path().startsWith("/api/")) {
				continue; // no cookie opens the API: each request carries its key (VerifyApiTests)
			}
			Page answer = browser.get(route.path());
			if (route.path().startsWith("/login/verify")) {
				// a step-2 page, or (for the enrolment pages of someone who has a method already) the code page
				if (answer.status() != 200) {
					assertThat(answer.status()).as(route.toString()).isEqualTo(302);
					assertThat(answer.location()).as(route.toString()).startsWith("/login/verify");
				}
				reached++;
			}
			else if (!PUBLIC.contains(route.path()) && !route.path().startsWith("/login/sso/")) {
				// (signing in through an identity provider is a sign-in page: open to everyone)
				// straight to the code page, or through the home page, which sends it there
				Page next = (answer.status() == 302 && answer.location().equals("/")) ? answer.follow() : answer;
				assertThat(next.status()).as(route.toString()).isEqualTo(302);
				assertThat(next.location()).as(route.toString()).isEqualTo("/login/verify");
			}
		}
		List<Route> posts = Routes.of(this.handlers, "POST", ids);
		for (Route route : posts) {
			if (route.path().startsWith("/login/verify") || PUBLIC.contains(route.path())
					|| route.path().startsWith("/api/")) {
				continue;
			}
			Page answer = browser.post(route.path(), Map.of("_csrf", csrf, "login", "mallory", "password",
					"a long enough password for mallory", "businessEmail", "mallory@example.com"));
			assertThat(answer.status()).as(route.toString()).isEqualTo(302);
			assertThat(answer.location()).as(route.toString()).isIn("/login/verify", "/");
		}

		System.out.printf("Half-signed-in: %d GET and %d POST routes tried, %d reached (the code page)%n", gets.size(),
				posts.size(), reached);
		assertThat(gets).as("the routes read from the handler mapping").hasSizeGreaterThan(20);
		assertThat(reached).as("the step-2 pages").isPositive();
		assertThat(rows()).isEqualTo(rowsBefore);
		assertThat(browser.get("/login/verify").text()).contains("code");
		assertThat(browser.post("/logout", Map.of("_csrf", csrf)).location()).isEqualTo("/login?logout");
		assertThat(browser.get("/login/verify").location()).startsWith("/login");
	}

	@Test
	void redirectsAfterSignInAndSignOutStayOnThisServer() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		int attempts = 0;
		for (String target : HOSTILE_TARGETS) {
			String encoded = URLEncoder.encode(target, StandardCharsets.UTF_8);
			// a target remembered from a page asked for before signing in
			Browser remembered = new Browser(this.port);
			remembered.get(target.startsWith("/") && !target.contains("\\") ? target : "/" + encoded);
			assertOwnPath(remembered.signIn(alice.login(), People.PASSWORD));
			// a target given as a parameter, as other sign-in servers take one
			for (String parameter : List.of("continue", "redirect_uri", "next", "spring-security-redirect")) {
				Browser browser = new Browser(this.port);
				Page form = browser.get("/login?" + parameter + "=" + encoded);
				Page signedIn = form.form("form[action$=/login]")
					.set("username", alice.login())
					.set("password", People.PASSWORD)
					.set(parameter, target)
					.submit();
				assertOwnPath(signedIn);
				assertOwnPath(browser.post("/logout?" + parameter + "=" + encoded,
						Map.of("_csrf", browser.get("/").csrf(), parameter, target)));
				attempts += 3;
			}
		}
		System.out.printf("Open redirect: %d attempts, 0 left this server%n", attempts + HOSTILE_TARGETS.size());
	}

	@Test
	void forwardAuthenticationSendsNoOneToAnAddressOfNoListedSite() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Browser browser = SignIns.signedIn(this.port, People.alice(this.accounts), People.PASSWORD, this.mailbox);

		for (String target : HOSTILE_TARGETS) {
			Page answer = browser.get("/auth/forward/sign-in?rd=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
			assertThat(answer.status()).as(target).isEqualTo(400);
			assertThat(answer.header("Location")).as(target).isEmpty();
		}
		System.out.printf("Forward authentication: %d return addresses of no listed site, none followed%n",
				HOSTILE_TARGETS.size());
	}

	/**
	 * A redirect to a path of this server: what {@link Page#location} leaves of an absolute address on this
	 * server, or a relative path that no browser reads as another host (no second slash or backslash, no
	 * control character a browser would drop to make one).
	 */
	private void assertOwnPath(Page answer) {
		assertThat(answer.status()).isLessThan(500);
		if (answer.status() / 100 != 3) {
			return;
		}
		assertThat(answer.location()).as("a redirect to this server").matches("/(?![/\\\\])[^\\p{Cntrl}\\\\]*");
	}

	/** Every row of the tables an attacker would want to change, counted. */
	private long rows() {
		return List.of("account", "email_factor", "authenticator_app", "account_link", "temporary_password",
				"organisation_policy", "outbox_message")
			.stream()
			.mapToLong(table -> this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
			.sum();
	}

}
