package org.latchkey.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind TLS (an https base URL), through HTTP: a sign-in that arrives over TLS, through a trusted proxy or
 * the server's own TLS, gets only {@code __Host-}, {@code Secure} cookies and HSTS on every answer; a request
 * that did not is redirected or refused before any cookie is read or set; a forwarded scheme from anyone but
 * a trusted proxy is not believed. Without a base URL, the embedded default keeps its plain cookies.
 */
class SecureTransportTests {

	static final String PUBLIC = "https://signin.example.test";

	static final String BEHIND_TLS = "latchkey.base-url=" + PUBLIC;

	/** The test client on 127.0.0.1 plays the proxy; ::1 is an untrusted client. */
	static final String TRUSTED_LOOPBACK = "latchkey.trusted-proxies=127.0.0.1";

	@Nested
	@LatchkeyTest
	@TestPropertySource(properties = { BEHIND_TLS, "server.ssl.enabled=true", "server.ssl.key-store-type=PKCS12",
			"server.ssl.key-store-password=" + OwnTls.PASSWORD })
	class OverTheServersOwnTls extends Scenarios {

		@DynamicPropertySource
		static void keyStore(DynamicPropertyRegistry registry) {
			registry.add("server.ssl.key-store", () -> OwnTls.keyStore().toUri().toString());
		}

		@Test
		void signInOverTlsGetsOnlyHostPrefixedSecureCookiesAndHstsOnEveryAnswer() throws Exception {
			Browser browser = Browser.overTls(PUBLIC, this.port, OwnTls.trusting());

			assertSecureSignIn(browser, signInOf(browser));
		}

	}

	@Nested
	@LatchkeyTest
	class PlainHttpByDefault extends Scenarios {

		@Test
		void signInKeepsThePlainCookieNamesAndSendsNoHsts() {
			// a client's own X-Forwarded-Proto changes nothing when no base URL asks for TLS
			Browser browser = new Browser(this.port).header("X-Forwarded-Proto", "https");

			List<Page> answers = signInOf(browser);

			assertThat(answers).allSatisfy(answer -> assertThat(answer.header("Strict-Transport-Security")).isEmpty());
			List<String> cookies = setCookies(answers);
			assertThat(cookies).anyMatch(cookie -> cookie.startsWith("LATCHKEY_SESSION="))
				.anyMatch(cookie -> cookie.startsWith("LATCHKEY_DEVICE="))
				.noneMatch(cookie -> cookie.startsWith("__Host-"))
				.noneMatch(cookie -> cookie.contains("; Secure"));
			assertThat(browser.get("/").text()).contains("Signed in as ");
		}

	}

	@Nested
	@LatchkeyTest
	@TestPropertySource(properties = { BEHIND_TLS, TRUSTED_LOOPBACK })
	class BehindAProxy extends Scenarios {

		static final String CALLBACK = "https://app.example.com/callback";

		@Autowired
		OidcClients clients;

		@Test
		void signInThroughTheProxyGetsOnlyHostPrefixedSecureCookiesAndHstsOnEveryAnswer() {
			Browser browser = Browser.behindTlsProxy(PUBLIC, this.port);

			assertSecureSignIn(browser, signInOf(browser));
		}

		@Test
		void plainGetIsRedirectedToTheHttpsAddressBeforeAnyCookie() {
			Page plain = new Browser(this.port).get("/login?logout");

			assertThat(plain.status()).isEqualTo(301);
			assertThat(plain.header("Location")).contains(PUBLIC + "/login?logout");
			assertThat(plain.header("Set-Cookie")).isEmpty();
			assertThat(plain.header("Strict-Transport-Security")).isEmpty();
			assertThat(new Browser(this.port).send("HEAD", "/").header("Location")).contains(PUBLIC + "/");
		}

		@Test
		void plainPostIsRefusedAndItsSessionCookieNotActedUpon() {
			Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
			Browser signedIn = Browser.behindTlsProxy(PUBLIC, this.port);
			signInOf(signedIn, alice);
			String session = signedIn.cookie("__Host-LATCHKEY_SESSION").orElseThrow();
			String csrf = signedIn.get("/").csrf();

			// the proxy forwards a plain-HTTP request as such; the cookie and token crossed the network in clear
			Browser plain = new Browser(this.port).header("X-Forwarded-Proto", "http")
				.setCookie("__Host-LATCHKEY_SESSION", session);
			Page logout = plain.post("/logout", Map.of("_csrf", csrf));
			Page signIn = plain.post("/login", Map.of("username", alice.login(), "password", People.PASSWORD));

			assertThat(List.of(logout, signIn)).allSatisfy(refused -> {
				assertThat(refused.status()).isEqualTo(403);
				assertThat(refused.header("Set-Cookie")).isEmpty();
				assertThat(refused.body()).contains("HTTPS only");
			});
			assertThat(signedIn.get("/").text()).contains("Signed in as " + alice.login());
		}

		@Test
		void forwardedHttpsIsBelievedFromTheTrustedProxyOnly() {
			Page untrusted = new Browser("[::1]", this.port).header("X-Forwarded-Proto", "https").get("/login");
			Page appended = new Browser(this.port).header("X-Forwarded-Proto", "https, http").get("/login");
			Page trusted = Browser.behindTlsProxy(PUBLIC, this.port).get("/login");

			assertThat(List.of(untrusted, appended)).allSatisfy(refused -> {
				assertThat(refused.status()).isEqualTo(301);
				assertThat(refused.header("Location")).contains(PUBLIC + "/login");
				assertThat(refused.header("Set-Cookie")).isEmpty();
			});
			assertThat(trusted.status()).isEqualTo(200);
			assertThat(trusted.header("Set-Cookie")).get().asString().startsWith("__Host-LATCHKEY_SESSION=");
		}

		@Test
		void openIdConnectSignInStaysOnTheHttpsAddressAndPlainCallsAreRefused() {
			Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
			RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, CALLBACK,
					"https://app.example.com/signed-out", Set.of("openid")));
			String authorize = "/oauth2/authorize?response_type=code&scope=openid&state=s&client_id="
					+ app.client().clientId() + "&redirect_uri=" + CALLBACK;
			Browser browser = Browser.behindTlsProxy(PUBLIC, this.port);

			Page toLogin = browser.get(authorize);
			Page password = browser.signIn(alice.login(), People.PASSWORD);
			Page code = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
			Page toApplication = code.follow();
			Page discovery = browser.get("/.well-known/openid-configuration");

			assertThat(toLogin.header("Location")).contains(PUBLIC + "/login");
			// the request saved before the sign-in is resumed at the public https address, not the proxy's hop
			assertThat(code.header("Location")).get().asString().startsWith(PUBLIC + authorize);
			assertThat(toApplication.location()).startsWith(CALLBACK + "?code=");
			assertThat(List.of(toLogin, password, code, toApplication, discovery))
				.allSatisfy(SecureTransportTests::assertHsts);
			assertThat(new Browser(this.port).get("/.well-known/openid-configuration").header("Location"))
				.contains(PUBLIC + "/.well-known/openid-configuration");
			Page token = new Browser(this.port).post("/oauth2/token", Map.of("grant_type", "authorization_code",
					"code", "guess", "client_id", app.client().clientId(), "client_secret", app.secret()));
			assertThat(token.status()).isEqualTo(403);
			assertThat(token.header("Set-Cookie")).isEmpty();
		}

		@Test
		void healthProbesOfTheLoadBalancerAnswerOverPlainHttp() {
			Page health = new Browser(this.port).get("/actuator/health");

			assertThat(health.status()).isEqualTo(200);
			assertThat(health.header("Set-Cookie")).isEmpty();
			// the raw path names the health endpoint, the path it leads to does not: it is not exempt
			Page detour = new Browser(this.port).get("/actuator/health/../../login");
			assertThat(detour.status()).isEqualTo(301);
			assertThat(detour.header("Set-Cookie")).isEmpty();
		}

	}

	abstract static class Scenarios extends MailScenarios {

		@BeforeEach
		void requireTwoFactor() {
			this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		}

		/** Every answer of a full sign-in, from the sign-in page to the home page, and a second sign-in. */
		List<Page> signInOf(Browser browser) {
			return signInOf(browser, SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts)));
		}

		List<Page> signInOf(Browser browser, Account account) {
			List<Page> answers = new ArrayList<>();
			for (int round = 0; round < 2; round++) {
				Page form = browser.get("/login");
				Page password = form.form("form[action$=/login]")
					.set("username", account.login())
					.set("password", People.PASSWORD)
					.submit();
				Page codePage = browser.get(password.location());
				Page code = codePage.form("form[action$=/login/verify]")
					.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(account)))
					.submit();
				Page home = browser.get(code.location());
				assertThat(home.text()).contains("Signed in as " + account.login());
				answers.addAll(List.of(form, password, codePage, code, home, browser.get("/no-such-page")));
				if (round == 0) {
					answers.add(browser.post("/logout", Map.of("_csrf", home.csrf())));
					// a new code is sent once the previous one is a minute old
					this.clock.advance(Duration.ofMinutes(1));
				}
			}
			return answers;
		}

		void assertSecureSignIn(Browser browser, List<Page> answers) {
			assertThat(answers).allSatisfy(SecureTransportTests::assertHsts);
			assertThat(answers).allSatisfy(answer -> assertThat(answer.response().headers().allValues("Location"))
				.allSatisfy(location -> assertThat(location).doesNotStartWith("http:")));
			List<String> cookies = setCookies(answers);
			assertThat(cookies).anyMatch(cookie -> cookie.startsWith("__Host-LATCHKEY_SESSION="))
				.anyMatch(cookie -> cookie.startsWith("__Host-LATCHKEY_DEVICE="))
				.allSatisfy(cookie -> assertThat(cookie.split(";\\s*")).contains("Secure", "HttpOnly", "Path=/")
					.anyMatch(attribute -> attribute.equalsIgnoreCase("SameSite=Lax"))
					.noneMatch(attribute -> attribute.toLowerCase(Locale.ROOT).startsWith("domain=")))
				.allMatch(cookie -> cookie.startsWith("__Host-"));
			// the second sign-in read the device cookie back instead of issuing another
			assertThat(cookies).filteredOn(cookie -> cookie.startsWith("__Host-LATCHKEY_DEVICE=")).hasSize(1);
			assertThat(browser.cookie("LATCHKEY_SESSION")).isEmpty();
		}

	}

	static void assertHsts(Page answer) {
		assertThat(answer.header("Strict-Transport-Security")).get()
			.asString()
			.matches("max-age=31536000\\s*;\\s*includeSubDomains");
	}

	static List<String> setCookies(List<Page> answers) {
		return answers.stream().flatMap(answer -> answer.response().headers().allValues("Set-Cookie").stream()).toList();
	}

	/** A self-signed certificate for localhost, made by the JDK's keytool, and a client that trusts it. */
	static final class OwnTls {

		static final String PASSWORD = "test-keystore";

		private static Path keyStore;

		static synchronized Path keyStore() {
			if (keyStore == null) {
				try {
					Path directory = Files.createTempDirectory("latchkey-tls");
					Path file = directory.resolve("server.p12");
					Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
							"-genkeypair", "-alias", "latchkey", "-keyalg", "EC", "-groupname", "secp256r1",
							"-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
							"-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD)
						.redirectErrorStream(true)
						.start();
					String output = new String(keytool.getInputStream().readAllBytes());
					if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
						throw new IllegalStateException("keytool failed: " + output);
					}
					keyStore = file;
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			return keyStore;
		}

		static SSLContext trusting() throws Exception {
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore())) {
				store.load(in, PASSWORD.toCharArray());
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}

	}

}
