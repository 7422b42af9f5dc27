package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.FirstAdministrator;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.DatabaseDump;
import org.latchkey.testing.FreshDatabase;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SessionCookies;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TokenClient;
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dump of the whole database, taken while every kind of secret is live (a code waiting, a link opened in a
 * browser but not used yet, an app's key, a temporary password, a setup link, the cookies of open sessions) and
 * again once they were used, holds none of them in clear: codes and tokens are keyed hashes, keys and message
 * bodies are encrypted, sessions are stored under the SHA-256 of their cookie's secret. Neither is a dump taken at
 * each step of a sign-in, and a session id read from one opens no session. The same holds for what an application
 * received over OpenID Connect, and what the dump holds instead is no code or token to the endpoints it is
 * presented to. On H2 (rows and {@code SCRIPT}) and on PostgreSQL (every column of every row, binary ones
 * included).
 */
@LatchkeyTest
@StorageInvariants
class SecretsAtRestTests extends MailScenarios {

	private static final String NEW_PASSWORD = "marble orchard beneath seven lanterns";

	@Autowired
	FirstAdministrator firstAdministrator;

	@Autowired
	OidcClients applications;

	@Autowired
	TokenHasher hasher;

	/** Every row of the database, and on H2 its {@code SCRIPT} too. */
	String dump() {
		return FreshDatabase.onPostgres() ? DatabaseDump.of(this.jdbc)
				: DatabaseDump.of(this.jdbc) + DatabaseDump.h2Script(this.jdbc);
	}

	@Test
	void dumpHoldsNoPasswordCodeKeyOrTokenInClear() {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("password", People.PASSWORD);
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Browser admin = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		admin.get("/");
		putSessionCookie(secrets, "administrator", admin);

		// an authenticator app's key, and a code from it
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account bob = People.alice(this.accounts);
		Browser bobs = new Browser(this.port);
		bobs.signIn(bob.login(), People.PASSWORD);
		putSessionCookie(secrets, "enrolling user", bobs);
		String key = Totp.enrol(bobs, this.clock);
		secrets.put("authenticator key", key);
		secrets.put("authenticator key, lower case", key.toLowerCase(java.util.Locale.ROOT));
		this.clock.advance(Duration.ofSeconds(30));
		secrets.put("app code", Totp.code(key, this.clock));

		// a first-login link, opened in a browser and waiting there
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account ivan = People.ivan(this.accounts);
		new Browser(this.port).get("/first-login").form("form[action=/first-login]")
			.set("identifier", ivan.login())
			.submit();
		String firstLogin = SignIns.nextLink(this.mailbox, ivan.businessEmail());
		Browser ivans = new Browser(this.port);
		ivans.get(firstLogin.replaceFirst("^https?://[^/]+", ""));
		secrets.put("first-login token", tokenOf(firstLogin));
		putSessionCookie(secrets, "first login", ivans);

		// a reset link, and a temporary password
		Account carol = People.alice(this.accounts);
		new Browser(this.port).get("/password-reset").form("form[action$=/password-reset]")
			.set("login", carol.login())
			.submit();
		String reset = SignIns.nextLink(this.mailbox, carol.businessEmail());
		secrets.put("reset token", tokenOf(reset));
		Account dave = People.alice(this.accounts);
		secrets.put("temporary password", admin.get("/admin/users/" + dave.id())
			.form("form[action$=/password-reset/temporary]")
			.submit()
			.document()
			.select("#temporary-password")
			.text());
		secrets.put("setup token", this.firstAdministrator.openSetup());

		// an emailed code, waiting
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account erin = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser erins = new Browser(this.port);
		erins.signIn(erin.login(), People.PASSWORD);
		secrets.put("emailed code", this.mailbox.nextCode(SignIns.twoFactorAddress(erin)));
		putSessionCookie(secrets, "half signed in", erins);

		String whileLive = dump();

		SignIns.submitCode(erins, secrets.get("emailed code"));
		ivans.get("/first-login/start").form("form[action=/first-login/start]")
			.set("password", NEW_PASSWORD)
			.set("email", "chosen-" + ivan.login() + "@example.org")
			.submit();
		secrets.put("chosen password", NEW_PASSWORD);
		putSessionCookie(secrets, "signed in", erins);
		putSessionCookie(secrets, "first login done", ivans);
		String afterUse = dump();

		assertThat(whileLive).as("the dump reads the rows").contains(erin.login()).contains(bob.login());
		assertThat(inClear(whileLive, secrets)).as("secrets in clear while live").isEmpty();
		assertThat(inClear(afterUse, secrets)).as("secrets in clear once used").isEmpty();
	}

	/**
	 * A third-party application's whole flow: the consent page's {@code state}, the code, the tokens and
	 * those of a refresh, each looked for in dumps taken while it was live. A JWT's parts are looked for
	 * one by one (the claims are stored as JSON, which is no token without the signature).
	 */
	@Test
	void dumpHoldsNoCodeOrTokenAnApplicationReceived() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		TokenClient client = application(false);
		Browser browser = signedIn();
		Map<String, String> secrets = new LinkedHashMap<>();
		List<String> dumps = new ArrayList<>();

		Page toConsent = client.authorize(browser, Map.of("scope", "openid email offline_access"));
		String state = TokenClient.query(toConsent.location()).get("state");
		Secrets.seen(state);
		secrets.put("consent state", state);
		dumps.add(dump());
		String code = TokenClient.codeOf(toConsent.follow().form("form.card").submit());
		secrets.put("code", code);
		dumps.add(dump());
		TokenClient.Response tokens = client.exchange(code, null);
		tokensOf(tokens, "", secrets);
		dumps.add(dump());
		TokenClient.Response refreshed = client.refresh(tokens.field("refresh_token"));
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		tokensOf(refreshed, "refreshed ", secrets);
		dumps.add(dump());

		for (String dump : dumps) {
			assertThat(inClear(dump, secrets)).as("codes and tokens in clear").isEmpty();
		}
		assertThat(dumps.get(3)).as("the dump reads the stored hash")
			.contains(this.hasher.hash(refreshed.field("refresh_token")));
	}

	@Test
	void valuesFoundInTheDatabaseAreNotCodesOrTokens() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		TokenClient client = application(true);
		Browser browser = signedIn();
		String code = TokenClient.codeOf(client.authorize(browser, Map.of("scope", "openid email")));
		String storedCode = stored("authorization_code_value", this.hasher.hash(code));

		TokenClient.Response storedCodeExchanged = client.exchange(storedCode, null);
		TokenClient.Response tokens = client.exchange(code, null);
		String storedAccess = stored("access_token_value", this.hasher.hash(tokens.field("access_token")));
		String storedRefresh = stored("refresh_token_value", this.hasher.hash(tokens.field("refresh_token")));
		String storedIdToken = stored("oidc_id_token_value", this.hasher.hash(tokens.field("id_token")));

		assertThat(storedCodeExchanged.field("error")).isEqualTo("invalid_grant");
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(client.userInfo(storedAccess).status()).isEqualTo(401);
		assertThat(client.introspect(storedAccess).json().get("active").asBoolean()).isFalse();
		assertThat(client.introspect(tokens.field("access_token")).json().get("active").asBoolean()).isTrue();
		assertThat(client.refresh(storedRefresh).field("error")).isEqualTo("invalid_grant");
		assertThat(client.revoke(storedRefresh).status()).isEqualTo(200);
		Page logout = browser.get("/connect/logout?" + TokenClient.form(Map.of("id_token_hint", storedIdToken,
				"post_logout_redirect_uri", "https://app.example.com/signed-out")));
		assertThat(logout.status()).isEqualTo(400);
		assertThat(browser.get("/account").status()).as("still signed in").isEqualTo(200);
		assertThat(client.refresh(tokens.field("refresh_token")).status()).as("the real token still works")
			.isEqualTo(200);
	}

	/** An application's client: a third-party one asks for consent, which stores a {@code state}. */
	private TokenClient application(boolean firstParty) {
		RegisteredApplication app = this.applications.register(new NewClient("Wiki", true, firstParty,
				TokenClient.REDIRECT_URI, "https://app.example.com/signed-out",
				Set.of("openid", "email", "offline_access")));
		return new TokenClient(this.port, app.client().clientId(), app.secret());
	}

	private Browser signedIn() {
		Browser browser = new Browser(this.port);
		browser.signIn(People.alice(this.accounts).login(), People.PASSWORD);
		return browser;
	}

	/** The value stored in a column of {@code oauth2_authorization}, found by the hash expected there. */
	private String stored(String column, String expected) {
		return this.jdbc.sql("SELECT " + column + " FROM oauth2_authorization WHERE " + column + " = :value")
			.param("value", expected)
			.query(String.class)
			.single();
	}

	@Test
	void noDumpTakenDuringASignInHoldsASessionCookieOrItsSecret() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = new Browser(this.port);
		List<String> cookies = new ArrayList<>();
		List<String> dumps = new ArrayList<>();

		browser.get("/login");
		cookies.add(SessionCookies.of(browser));
		dumps.add(dump());
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		cookies.add(SessionCookies.of(browser));
		dumps.add(dump());
		assertThat(SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice))).location())
			.isEqualTo("/");
		String signedIn = SessionCookies.of(browser);
		cookies.add(signedIn);
		dumps.add(dump());

		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(storedIdOf(alice)).as("the session is stored under the hash of its secret")
			.isEqualTo(SessionCookies.sha256(SessionCookies.secretIn(signedIn)));
		assertThat(dumps.get(2)).as("the dump reads the sessions").contains(storedIdOf(alice));
		for (String dump : dumps) {
			for (String cookie : cookies) {
				assertThat(dump).doesNotContain(cookie).doesNotContain(SessionCookies.secretIn(cookie));
			}
		}
	}

	/**
	 * A signed-out person opens a protected page from a browser holding a device cookie: the session that keeps
	 * the page to go back to holds neither that cookie nor its own, and no session holds its CSRF token.
	 */
	@Test
	void storedSessionsHoldNoCookieAndNoCsrfToken() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("device cookie", browser.cookie("LATCHKEY_DEVICE").orElseThrow());
		putSessionCookie(secrets, "signed in", browser);
		String signedInCsrf = browser.get("/account").csrf();
		secrets.put("signed-in CSRF token", unmasked(signedInCsrf));
		String signedInDump = dump();
		assertThat(browser.post("/logout", Map.of("_csrf", signedInCsrf)).location()).isEqualTo("/login?logout");

		assertThat(browser.get("/account?tab=methods").location()).isEqualTo("/login");
		putSessionCookie(secrets, "signed out", browser);
		secrets.put("signed-out CSRF token", unmasked(browser.get("/login").csrf()));
		String signedOutDump = dump();

		assertThat(signedOutDump).as("the dump reads the saved page").contains("tab=methods");
		assertThat(inClear(signedInDump, secrets)).as("secrets in clear while signed in").isEmpty();
		assertThat(inClear(signedOutDump, secrets)).as("secrets in clear once signed out").isEmpty();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).as("back to the page asked for")
			.isEqualTo("/account?tab=methods");
	}

	/** The token a page's masked CSRF token carries (Spring Security's XOR masking, undone). */
	private static String unmasked(String masked) {
		byte[] bytes = Base64.getUrlDecoder().decode(masked);
		int half = bytes.length / 2;
		byte[] token = new byte[half];
		for (int i = 0; i < half; i++) {
			token[i] = (byte) (bytes[i] ^ bytes[half + i]);
		}
		String clear = new String(token, StandardCharsets.UTF_8);
		Secrets.seen(clear);
		return clear;
	}

	@Test
	void idReadFromTheDatabaseOpensNoSessionWhenSentAsACookie() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);
		String storedId = storedIdOf(alice);

		for (String stolen : List.of(storedId, SessionCookies.carrying(storedId))) {
			Browser thief = new Browser(this.port).setCookie(SessionCookies.NAME, stolen);
			assertThat(thief.get("/account").location()).startsWith("/login");
			assertThat(thief.get("/").location()).startsWith("/login");
		}
		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(storedIdOf(alice)).isEqualTo(storedId);
	}

	/** A session's cookie, and the secret it carries (the database holds only its hash). */
	private static void putSessionCookie(Map<String, String> secrets, String whose, Browser browser) {
		String cookie = SessionCookies.of(browser);
		secrets.put(whose + " session cookie", cookie);
		secrets.put(whose + " session secret", SessionCookies.secretIn(cookie));
	}

	private String storedIdOf(Account account) {
		return this.jdbc.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
			.param("login", account.login())
			.query(String.class)
			.single();
	}

	/** The tokens of a token endpoint's answer, and each part of those that are JWTs. */
	private static void tokensOf(TokenClient.Response answer, String prefix, Map<String, String> secrets) {
		secrets.put(prefix + "refresh token", answer.field("refresh_token"));
		for (String jwt : List.of("access_token", "id_token")) {
			String token = answer.field(jwt);
			secrets.put(prefix + jwt, token);
			String[] parts = token.split("\\.");
			secrets.put(prefix + jwt + " header", parts[0]);
			secrets.put(prefix + jwt + " payload", parts[1]);
			secrets.put(prefix + jwt + " signature", parts[2]);
		}
	}

	private static List<String> inClear(String dump, Map<String, String> secrets) {
		List<String> found = new ArrayList<>();
		secrets.forEach((what, secret) -> {
			if (dump.contains(secret)) {
				found.add(what);
			}
		});
		return found;
	}

	private static String tokenOf(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

}
