package org.latchkey.oidc;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.TokenClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a signed-in session ends, what applications were given in it stops working: the refresh token is
 * refused, the access token is inactive at introspection and refused at userinfo. Sign-out through the button
 * and through the application (RP-initiated logout), the idle timeout and the absolute timeout, all through
 * HTTP, with the test clock for the absolute timeout.
 */
@LatchkeyTest
class SignOutRevocationTests extends ApplicationScenarios {

	@Autowired
	OidcClients clients;

	Account alice;

	TokenClient client;

	Browser browser;

	TokenClient.Response tokens;

	@BeforeEach
	void signedInToAnApplication() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.alice = People.alice(this.accounts);
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email", "offline_access")));
		this.client = new TokenClient(this.port, app.client().clientId(), app.secret());
		this.browser = new Browser(this.port);
		assertThat(this.browser.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/");
		this.tokens = this.client.exchange(TokenClient.codeOf(this.client.authorize(this.browser, Map.of())), null);
		assertThat(this.tokens.status()).isEqualTo(200);
		assertThat(this.client.userInfo(this.tokens.field("access_token")).status()).isEqualTo(200);
	}

	@Test
	void signOutButtonRevokesTheTokensIssuedInTheSession() {
		String csrf = this.browser.get("/").csrf();

		assertThat(this.browser.post("/logout", Map.of("_csrf", csrf)).location()).isEqualTo("/login?logout");

		assertRevoked();
	}

	@Test
	void signOutRequestedByTheApplicationRevokesTheTokensIssuedInTheSession() {
		this.browser.get("/connect/logout?" + TokenClient.form(Map.of("id_token_hint",
				this.tokens.field("id_token"), "post_logout_redirect_uri", "https://app.example.com/signed-out")));

		assertThat(this.browser.get("/").location()).startsWith("/login");
		assertRevoked();
	}

	@Test
	void sessionIdleTooLongTakesItsTokensWithIt() {
		long thirtyOneMinutes = Duration.ofMinutes(31).toMillis();
		this.jdbc.sql("""
				UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - :age, EXPIRY_TIME = EXPIRY_TIME - :age
				WHERE PRINCIPAL_NAME = :login
				""").param("age", thirtyOneMinutes).param("login", this.alice.login()).update();

		assertRevoked();
	}

	@Test
	void sessionPastItsAbsoluteTimeoutTakesItsTokensWithItThoughItsBrowserNeverComesBack() {
		this.clock.advance(Duration.ofHours(11).plusMinutes(59));
		assertThat(this.client.introspect(this.tokens.field("access_token")).json().get("active").asBoolean())
			.isTrue();

		this.clock.advance(Duration.ofMinutes(2));

		assertRevoked();
	}

	private void assertRevoked() {
		assertThat(this.client.refresh(this.tokens.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
		assertThat(this.client.introspect(this.tokens.field("access_token")).json().get("active").asBoolean())
			.isFalse();
		assertThat(this.client.userInfo(this.tokens.field("access_token")).status()).isEqualTo(401);
	}

}
