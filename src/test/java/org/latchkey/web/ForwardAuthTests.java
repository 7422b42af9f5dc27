package org.latchkey.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latchkey.account.Account;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.forwardauth.RequiredFactor;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forward authentication over HTTP, as Traefik's {@code ForwardAuth} and Caddy's {@code forward_auth} ask it
 * (the test plays the proxy from 127.0.0.1, a trusted one): a 302 to the sign-in with the original address, 200
 * with the {@code Remote-*} headers, 403 for a person not allowed, an unlisted site or a path that could be read
 * two ways; a fresh second factor that goes stale; a forged site from an untrusted address; the sign-in's return
 * address, which is never an open redirect.
 */
class ForwardAuthTests extends ForwardAuthScenarios {

	static final String HOST = "wiki.example.test";

	/** A host listed whole, for the return addresses. */
	static final String RETURN_HOST = "app.example.test";

	/** Asks the endpoint as a proxy does for a request to {@code https://HOST<uri>}, with the browser's cookies. */
	static Page ask(Browser browser, String host, String uri) {
		return browser.header("X-Forwarded-Method", "GET")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", host)
			.header("X-Forwarded-Uri", uri)
			.get("/auth/forward");
	}

	String signInAddress(String original) {
		return "http://localhost:" + this.port + "/auth/forward/sign-in?rd="
				+ URLEncoder.encode(original, StandardCharsets.UTF_8);
	}

	@Test
	void anonymousBrowserIsSentToSignInWithTheOriginalAddress() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);

		Page answer = ask(new Browser(this.port), HOST, prefix + "/docs?page=1&sort=a,b");

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.header("Location")).contains(signInAddress("https://" + HOST + prefix + "/docs?page=1&sort=a,b"));
		assertThat(answer.header("Remote-User")).isEmpty();
	}

	@Test
	void nginxAsksForA401CarryingTheSignInAddress() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser browser = new Browser(this.port).header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", HOST)
			.header("X-Forwarded-Uri", prefix);

		Page answer = browser.get("/auth/forward?status=401");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Location")).contains(signInAddress("https://" + HOST + prefix));
	}

	@Test
	void signedInPersonEntersWithRemoteHeaders() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Account alice = People.alice(this.accounts);

		Page answer = ask(signedInWithPassword(alice), HOST + ":8443", prefix + "/page");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Remote-User")).contains(alice.login());
		assertThat(answer.header("Remote-Email")).contains(alice.businessEmail());
		assertThat(answer.header("Remote-Name")).contains(alice.displayName());
		assertThat(answer.header("Remote-Groups")).contains("user");
		assertThat(answer.header("Cache-Control")).contains("no-store");
	}

	@Test
	void aSignedInPersonsNextChecksWriteNothing() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser browser = signedInWithPassword(People.alice(this.accounts));
		assertThat(ask(browser, HOST, prefix + "/page").status()).isEqualTo(200);

		List<String> checking = StatementCounter.during(
				() -> assertThat(ask(browser, HOST, prefix + "/other").status()).isEqualTo(200));

		assertThat(checking).as("statements of a check: %s", checking).noneMatch(StatementCounter::writes);
	}

	@Test
	void nameOutsideAsciiReachesTheSiteInUtf8() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		String login = People.unique("zoe");
		Account zoe = this.accounts.createActive(new NewAccount(login, "Zo\u00eb \u00c5ngstr\u00f6m \u674e", login + "@example.com",
				Role.USER), People.PASSWORD);

		Page answer = ask(signedInWithPassword(zoe), HOST, prefix);

		String wire = answer.header("Remote-Name").orElseThrow();
		assertThat(new String(wire.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
			.isEqualTo("Zo\u00eb \u00c5ngstr\u00f6m \u674e");
	}

	@Test
	void personNotNamedIsRefusedAndANamedOneEnters() {
		String prefix = newPrefix();
		Account bob = People.alice(this.accounts);
		listFor(HOST, prefix, bob.login());
		Account alice = People.alice(this.accounts);
		Account ada = People.ada(this.accounts);

		assertThat(ask(signedInWithPassword(alice), HOST, prefix).status()).isEqualTo(403);
		assertThat(ask(signedInWithPassword(bob), HOST, prefix).status()).isEqualTo(200);
		assertThat(ask(signedInWithPassword(ada), HOST, prefix).header("Remote-Groups")).contains("user,administrator");
	}

	@Test
	void unlistedHostOrPathIsRefused() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		assertThat(ask(alice, "other.example.test", prefix).status()).isEqualTo(403);
		assertThat(ask(alice, HOST, prefix + "x").status()).isEqualTo(403);
		assertThat(ask(alice, HOST, "/").status()).isEqualTo(403);
	}

	/** A stricter rule under a path cannot be passed by spelling that path another way under a laxer prefix. */
	@ParameterizedTest
	@ValueSource(strings = { "/open/../admin", "/open/%2e%2e/admin", "/open%2F..%2Fadmin", "/open/./../admin",
			"/open\\..\\admin", "/open/%ff", "/open/%0a" })
	void pathThatCouldBeReadTwoWaysIsRefused(String trick) {
		String host = People.unique("tricks") + ".example.test";
		list(host, "/", RequiredFactor.PASSWORD);
		listFor(host, "/admin");
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		assertThat(ask(alice, host, "/open/page").status()).isEqualTo(200);
		assertThat(ask(alice, host, "/admin/page").status()).isEqualTo(403);
		assertThat(ask(alice, host, "//admin/page").status()).isEqualTo(403);
		assertThat(ask(alice, host, "/%61dmin/page").status()).isEqualTo(403);
		assertThat(ask(alice, host, trick).status()).isEqualTo(403);
	}

	@Test
	void siteAskingForASecondFactorSendsAPasswordOnlySessionToPresentOne() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.TWO_FACTOR);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = signedInWithPassword(alice);
		String original = "https://" + HOST + prefix + "/";

		Page answer = ask(browser, HOST, prefix + "/");

		assertThat(answer.status()).isEqualTo(302);
		Page signIn = browser.get(answer.location());
		assertThat(signIn.location()).isEqualTo("/login/verify");
		Page done = SignIns.submitCode(browser,
				this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		assertThat(done.location()).isEqualTo("/auth/forward/sign-in?rd=" + URLEncoder.encode(original, StandardCharsets.UTF_8));
		assertThat(browser.get(done.location()).location()).isEqualTo(original);
		assertThat(ask(browser, HOST, prefix + "/").status()).isEqualTo(200);
	}

	@Test
	void freshSecondFactorGoesStaleAfterItsMinutes() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.FRESH_TWO_FACTOR);
		Browser alice = signedInWithSecondFactor(People.alice(this.accounts));

		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(302);
	}

	@Test
	void sessionPastItsAbsoluteLifetimeIsSentToSignIn() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));
		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(200);

		this.clock.advance(Duration.ofHours(12).plusMinutes(1));

		Page answer = ask(alice, HOST, prefix);
		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.header("Remote-User")).isEmpty();
	}

	@Test
	void siteAskingForASecondFactorIsClosedWhileTwoFactorIsOff() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.TWO_FACTOR);
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(403);
	}

	@Test
	void forgedSiteFromAnUntrustedAddressIsRefused() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));
		Browser untrusted = new Browser("[::1]", this.port)
			.setCookie(Browser.SESSION_COOKIE, alice.sessionCookie().orElseThrow());

		Page answer = ask(untrusted, HOST, prefix);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("Remote-User")).isEmpty();
		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(200);
	}

	@Test
	void repeatedOrMissingForwardedHeadersAreRefused() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		assertThat(ask(alice, "evil.example.test, " + HOST, prefix).status()).isEqualTo(403);
		assertThat(new Browser(this.port).get("/auth/forward").status()).isEqualTo(403);
		assertThat(ask(alice, HOST, prefix).status()).isEqualTo(200);
	}

	@Test
	void signedInPersonIsSentBackToTheListedAddressOnly() {
		String prefix = newPrefix();
		list(HOST, prefix, RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));
		String original = "https://" + HOST + prefix + "/page?a=1&b=2";

		Page answer = alice.get("/auth/forward/sign-in?rd=" + URLEncoder.encode(original, StandardCharsets.UTF_8));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(URLDecoder.decode(answer.location(), StandardCharsets.UTF_8)).isEqualTo(original);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example.test/", "//evil.example.test/", "https://" + RETURN_HOST + "@evil.example.test/",
			"https://evil.example.test/?https://" + RETURN_HOST + "/", "javascript:alert(1)", "https://" + RETURN_HOST + ".evil.example.test/",
			"/\\evil.example.test", "https:/evil.example.test", "https://" + RETURN_HOST + "%40evil.example.test/",
			"ftp://" + RETURN_HOST + "/", "https://" + RETURN_HOST + ":443@evil.example.test/", "https://evil.example.test\\@" + RETURN_HOST + "/", "" })
	void returnAddressOfNoListedSiteIsNeverFollowed(String rd) {
		list(RETURN_HOST, "/", RequiredFactor.PASSWORD);
		Browser alice = signedInWithPassword(People.alice(this.accounts));

		Page answer = alice.get("/auth/forward/sign-in?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Location")).isEmpty();
		assertThat(answer.text()).contains("This address is not a site Latchkey protects");
		Page anonymous = new Browser(this.port).get("/auth/forward/sign-in?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8));
		assertThat(anonymous.header("Location").orElse("/login")).isEqualTo("/login");
	}

}
