package org.latchkey.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.forwardauth.RequiredFactor;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forward authentication through a real nginx, configured with the block of docs/forward-auth.md, in front of a
 * small site that prints the {@code Remote-User} it receives: an anonymous visitor is sent to sign in and comes
 * back to the page; a password alone, when 2FA is required, leads to the sign-in's second step; a person not
 * allowed gets 403; a client's own {@code Remote-User} or {@code X-Forwarded-Host} changes nothing; the same
 * forged site, sent straight to Latchkey from an address that is not a trusted proxy, is refused. Skipped
 * without nginx on a developer's machine; with {@code CI=true} a missing nginx fails the class, as a missing
 * browser fails the browser tests.
 */
class NginxForwardAuthTests extends ForwardAuthScenarios {

	private static final String MISSING = "nginx is not installed (Debian: apt-get install nginx)";

	/** The site's host, as the browser names it: the test's cookies for localhost reach it, as a cookie domain would. */
	private static final String HOST = "localhost";

	private static HttpServer site;

	private static Nginx nginx;

	@BeforeAll
	static void nginxInCi() {
		if (Nginx.binary().isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(MISSING + "; CI must run the proxy tests");
		}
	}

	@BeforeEach
	void nginxInFrontOfTheSite() throws IOException, InterruptedException {
		Assumptions.assumeTrue(Nginx.binary().isPresent(), MISSING + ": proxy test skipped");
		if (nginx == null) {
			site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			site.createContext("/", exchange -> {
				String user = exchange.getRequestHeaders().getFirst("Remote-User");
				String groups = exchange.getRequestHeaders().getFirst("Remote-Groups");
				byte[] body = ("Protected page for " + user + " in " + groups).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			site.start();
			nginx = Nginx.start(HOST, this.port, site.getAddress().getPort());
		}
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
			nginx = null;
		}
		if (site != null) {
			site.stop(0);
			site = null;
		}
	}

	String page(String path) {
		return "http://" + HOST + ":" + nginx.port() + path;
	}

	@Test
	void anonymousVisitorSignsInAndComesBackToThePageWithRemoteUser() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);

		Page proxied = browser.get(page(prefix + "/report?year=2026&q=a%20b"));

		assertThat(proxied.status()).isEqualTo(302);
		assertThat(proxied.header("Location").orElseThrow()).startsWith("http://localhost:" + this.port + "/auth/forward/sign-in?rd=");
		Page signInPage = browser.get(proxied.header("Location").orElseThrow());
		assertThat(signInPage.location()).isEqualTo("/login");
		Page signedIn = browser.signIn(alice.login(), People.PASSWORD);
		Page back = browser.get(signedIn.location());
		assertThat(back.header("Location")).contains(page(prefix + "/report?year=2026&q=a%20b"));
		Page protectedPage = browser.get(back.header("Location").orElseThrow());
		assertThat(protectedPage.status()).isEqualTo(200);
		assertThat(protectedPage.body()).isEqualTo("Protected page for " + alice.login() + " in user");
	}

	@Test
	void passwordAloneWhenTwoFactorIsRequiredLeadsToTheSecondStep() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.TWO_FACTOR);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");

		Page proxied = browser.get(page(prefix + "/"));

		assertThat(proxied.status()).isEqualTo(302);
		assertThat(browser.get(proxied.header("Location").orElseThrow()).location()).isEqualTo("/login/verify");
		Page done = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		Page back = browser.get(done.location());
		assertThat(back.header("Location")).contains(page(prefix + "/"));
		assertThat(browser.get(page(prefix + "/")).body()).isEqualTo("Protected page for " + alice.login() + " in user");
	}

	@Test
	void personNotAllowedIsRefused() {
		String prefix = newPrefix();
		listFor(HOST, prefix);
		Browser alice = signedInWithPassword(People.alice(this.accounts));
		Browser ada = signedInWithPassword(People.ada(this.accounts));

		assertThat(alice.get(page(prefix + "/")).status()).isEqualTo(403);
		assertThat(ada.get(page(prefix + "/")).body()).endsWith("in user,administrator");
	}

	@Test
	void clientsOwnRemoteUserChangesNothing() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Account alice = People.alice(this.accounts);

		Page anonymous = new Browser(this.port).header("Remote-User", "ada").get(page(prefix + "/"));
		Page signedIn = signedInWithPassword(alice).header("Remote-User", "ada")
			.header("Remote-Groups", "administrator")
			.get(page(prefix + "/"));

		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(signedIn.body()).isEqualTo("Protected page for " + alice.login() + " in user");
	}

	@Test
	void forgedForwardedHostIsRefused() {
		String prefix = newPrefix();
		listFor(HOST, prefix);
		list("open.example.test", prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		// through nginx, which writes X-Forwarded-Host itself
		Page throughProxy = alice.header("X-Forwarded-Host", "open.example.test").get(page(prefix + "/"));
		// straight to Latchkey from ::1, which is not a trusted proxy
		Page untrusted = new Browser("[::1]", this.port).setCookie(Browser.SESSION_COOKIE, alice.sessionCookie().orElseThrow())
			.header("X-Forwarded-Proto", "http")
			.header("X-Forwarded-Host", "open.example.test")
			.header("X-Forwarded-Uri", prefix + "/")
			.get("/auth/forward?status=401");

		assertThat(throughProxy.status()).isEqualTo(403);
		assertThat(untrusted.status()).isEqualTo(403);
		assertThat(untrusted.header("Remote-User")).isEmpty();
	}

}
