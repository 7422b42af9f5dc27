package org.latchkey.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.example.relyingparty.RelyingParty;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSessions;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionCookies;
import org.latchkey.testing.SessionIds;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.StatementCounter;
import org.latchkey.testing.TokenClient;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latchkey as an OpenID Connect provider, through HTTP: a real relying party signs a person in with their
 * password and an emailed code and checks the ID token; then the attacks the specifications name (replayed
 * codes, other redirect addresses, missing or wrong PKCE verifiers, revoked and rotated refresh tokens),
 * step-up through {@code acr_values} and {@code max_age}, and the revocation of tokens when sessions end.
 */
@LatchkeyTest
@StorageInvariants
class OpenIdConnectTests extends MailScenarios {

	@Autowired
	OidcClients clients;

	@Autowired
	SignedInSessions sessions;

	Account alice;

	@BeforeEach
	void twoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
	}

	String issuer() {
		return "http://localhost:" + this.port;
	}

	RegisteredApplication register(boolean confidential, boolean firstParty, String redirectUri) {
		return this.clients.register(new NewClient("Wiki", confidential, firstParty, redirectUri,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email", "offline_access")));
	}

	TokenClient confidentialClient() {
		RegisteredApplication app = register(true, true, TokenClient.REDIRECT_URI);
		return new TokenClient(this.port, app.client().clientId(), app.secret());
	}

	Browser signedIn() {
		return SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox);
	}

	@Test
	void relyingPartySignsInWithPasswordAndEmailedCodeAndValidatesTheIdToken() {
		int rpPort = RelyingParty.freePort();
		RegisteredApplication app = register(true, true, RelyingParty.redirectUri(rpPort));
		try (ConfigurableApplicationContext rp = RelyingParty.start(rpPort, issuer(), app.client().clientId(),
				app.secret())) {
			Browser browser = new Browser(this.port);
			Page toProvider = browser.get("http://localhost:" + rpPort + "/claims").follow();
			assertThat(toProvider.location()).startsWith("/oauth2/authorize?");
			Page toLogin = toProvider.follow();
			assertThat(toLogin.location()).endsWith("/login");
			Page step1 = browser.signIn(this.alice.login(), People.PASSWORD);
			assertThat(step1.location()).isEqualTo("/login/verify");
			Page step2 = SignIns.submitCode(browser,
					this.mailbox.nextCode(SignIns.twoFactorAddress(this.alice)));
			assertThat(step2.location()).contains("/oauth2/authorize?");
			Page backToApp = step2.follow();
			assertThat(backToApp.location()).startsWith(RelyingParty.redirectUri(rpPort) + "?code=");
			Page signedInToApp = backToApp.follow();
			assertThat(signedInToApp.location()).startsWith("http://localhost:" + rpPort + "/claims");

			Page claims = signedInToApp.follow();
			assertThat(claims.status()).isEqualTo(200);
			JsonNode idToken = new TokenClient.Response(200, claims.body()).json();
			assertThat(idToken.get("iss").asString()).isEqualTo(issuer());
			assertThat(idToken.get("sub").asString()).isEqualTo(
					this.jdbc.sql("SELECT subject FROM oidc_subject WHERE account_id = :id")
						.param("id", this.alice.id())
						.query(String.class)
						.single());
			assertThat(strings(idToken.get("amr"))).containsExactlyInAnyOrder("pwd", "otp", "mfa");
			assertThat(idToken.get("acr").asString()).isEqualTo("mfa");
			assertThat(idToken.get("auth_time")).isNotNull();
			assertThat(idToken.get("preferred_username").asString()).isEqualTo(this.alice.login());
		}
	}

	@Test
	void discoveryDocumentHasTheFieldsOpenIdConnectDiscoveryRequires() {
		TokenClient client = new TokenClient(this.port, "none", null);
		JsonNode discovery = client.get("/.well-known/openid-configuration").json();
		assertThat(discovery.get("issuer").asString()).isEqualTo(issuer());
		assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer() + "/oauth2/authorize");
		assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer() + "/oauth2/token");
		assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer() + "/oauth2/jwks");
		assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(issuer() + "/userinfo");
		assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(issuer() + "/connect/logout");
		assertThat(discovery.get("revocation_endpoint").asString()).isEqualTo(issuer() + "/oauth2/revoke");
		assertThat(strings(discovery.get("response_types_supported"))).contains("code");
		assertThat(strings(discovery.get("subject_types_supported"))).contains("public");
		assertThat(strings(discovery.get("id_token_signing_alg_values_supported"))).contains("RS256");
		assertThat(strings(discovery.get("scopes_supported"))).contains("openid", "profile", "email");
		assertThat(strings(discovery.get("code_challenge_methods_supported"))).contains("S256");
		assertThat(strings(discovery.get("acr_values_supported"))).contains("mfa");
		assertThat(strings(discovery.get("claims_supported"))).contains("amr", "acr", "auth_time");

		JsonNode keys = client.get("/oauth2/jwks").json().get("keys");
		assertThat(keys.size()).isBetween(1, 2);
		keys.forEach(key -> {
			assertThat(key.get("kty").asString()).isEqualTo("RSA");
			assertThat(key.get("kid")).isNotNull();
			assertThat(key.get("d")).as("private part").isNull();
		});
	}

	@Test
	void issuerIsNotTakenFromTheHostHeader() {
		Browser browser = new Browser(this.port);
		Page discovery = browser.get("http://127.0.0.1:" + this.port + "/.well-known/openid-configuration");
		assertThat(discovery.body()).contains("\"issuer\":\"" + issuer() + "\"");
	}

	@Test
	void authorizationCodeIsRefusedTheSecondTimeAndItsTokensAreRevoked() {
		TokenClient client = confidentialClient();
		String code = TokenClient.codeOf(client.authorize(signedIn(), Map.of()));
		TokenClient.Response first = client.exchange(code, null);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.claimsOf("id_token").get("nonce").asString()).isEqualTo("nonce-1");

		TokenClient.Response replay = client.exchange(code, null);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.field("error")).isEqualTo("invalid_grant");
		assertThat(client.refresh(first.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
	}

	/**
	 * The exchange reads its code once, though the PKCE check and the grant both ask for it; the session it was
	 * granted in and the person once, though the look-up, the access token and the ID token each need them; no
	 * client, which the authorization already read; none of the person's sessions, since the ID token's
	 * {@code sid} comes from the session the code was granted in; and no lock on that session, which is alive.
	 */
	@Test
	void tokenExchangeReadsWhatItNeedsOnce() {
		TokenClient client = confidentialClient();
		String code = TokenClient.codeOf(client.authorize(signedIn(), Map.of()));

		List<String> exchanging = StatementCounter.during(() -> assertThat(client.exchange(code, null).status())
			.isEqualTo(200));

		assertThat(exchanging).as("statements of the exchange: %s", exchanging)
			.noneMatch(sql -> sql.contains("FROM oauth2_registered_client") || sql.contains("FROM oidc_client"))
			.noneMatch(sql -> sql.contains("WHERE S.PRINCIPAL_NAME = ?"))
			.noneMatch(sql -> sql.endsWith("FOR UPDATE"));
		for (String once : List.of("FROM oauth2_authorization WHERE authorization_code_value = ?",
				"FROM oidc_session_authorization WHERE authorization_id = ?", "FROM account WHERE login_key = ?")) {
			assertThat(exchanging).as("statements of the exchange: %s", exchanging)
				.filteredOn(sql -> sql.startsWith("SELECT") && sql.contains(once))
				.hasSize(1);
		}
	}

	@Test
	void idTokensNameTheSessionTheCodeWasGrantedInThoughThePersonSignedInElsewhereSince() throws Exception {
		TokenClient client = confidentialClient();
		String code = TokenClient.codeOf(client.authorize(signedIn(), Map.of()));
		assertThat(signedIn().get("/").status()).isEqualTo(200);

		TokenClient.Response tokens = client.exchange(code, null);

		String granting = this.jdbc.sql("""
				SELECT o.session_id FROM oidc_session_authorization o
				JOIN signed_in_session s ON s.session_id = o.session_id WHERE s.account_id = :id
				""").param("id", this.alice.id()).query(String.class).single();
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(granting.getBytes(StandardCharsets.US_ASCII));
		String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		assertThat(this.sessions.listOf(this.alice.id())).hasSize(2);
		assertThat(tokens.claimsOf("id_token").get("sid").asString()).isEqualTo(sid);
		assertThat(client.refresh(tokens.field("refresh_token")).claimsOf("id_token").get("sid").asString())
			.isEqualTo(sid);
	}

	@Test
	void sessionThatStillOwesItsSecondFactorGetsNoCode() {
		RegisteredApplication app = register(true, true, TokenClient.REDIRECT_URI);
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");

		Page answer = client.authorize(browser, Map.of());

		assertThat(answer.location()).isEqualTo("/login/verify");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE registered_client_id = :id")
			.param("id", app.client().id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void redirectAddressThatIsNotRegisteredIsNeverRedirectedTo() {
		TokenClient client = confidentialClient();
		Browser browser = signedIn();

		Page mismatch = client.authorize(browser, Map.of("redirect_uri", "https://attacker.example/callback"));
		Page prefix = client.authorize(browser, Map.of("redirect_uri", TokenClient.REDIRECT_URI + "/more"));
		Page unknown = new TokenClient(this.port, "no-such-client", null).authorize(browser, Map.of());

		for (Page refused : List.of(mismatch, prefix, unknown)) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.header("Location")).isEmpty();
			assertThat(refused.document().selectFirst("main")).isNotNull();
		}
	}

	@Test
	void publicClientMustProveItsCodeWithPkce() {
		RegisteredApplication app = register(false, true, TokenClient.REDIRECT_URI);
		assertThat(app.secret()).isNull();
		TokenClient client = new TokenClient(this.port, app.client().clientId(), null);
		Browser browser = signedIn();

		Page withoutChallenge = client.authorize(browser, Map.of());
		assertThat(TokenClient.query(withoutChallenge.location())).containsEntry("error", "invalid_request");

		String verifier = "verifier-" + "x".repeat(50);
		Map<String, String> pkce = Map.of("code_challenge", TokenClient.challenge(verifier),
				"code_challenge_method", "S256");
		String code = TokenClient.codeOf(client.authorize(browser, pkce));
		TokenClient.Response wrong = client.exchange(code, "verifier-" + "y".repeat(50));
		assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
		assertThat(wrong.field("error")).isEqualTo("invalid_grant");

		String next = TokenClient.codeOf(client.authorize(browser, pkce));
		TokenClient.Response missing = client.exchange(next, null);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.field("error")).isEqualTo("invalid_client");
		String last = TokenClient.codeOf(client.authorize(browser, pkce));
		TokenClient.Response right = client.exchange(last, verifier);
		assertThat(right.status()).isEqualTo(200);
		assertThat(right.field("id_token")).isNotNull();
	}

	@Test
	void refreshTokensRotateAndTheOldOneIsRefused() {
		TokenClient client = confidentialClient();
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(signedIn(), Map.of())),
				null);
		String first = tokens.field("refresh_token");

		TokenClient.Response refreshed = client.refresh(first);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.field("refresh_token")).isNotEqualTo(first);
		assertThat(strings(refreshed.claimsOf("id_token").get("amr"))).contains("pwd", "otp", "mfa");
		assertThat(client.refresh(first).field("error")).isEqualTo("invalid_grant");
		assertThat(client.userInfo(refreshed.field("access_token")).json().get("sub").asString())
			.isEqualTo(tokens.claimsOf("id_token").get("sub").asString());
	}

	@Test
	void revokedRefreshTokenIsRefused() {
		TokenClient client = confidentialClient();
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(signedIn(), Map.of())),
				null);

		assertThat(client.revoke(tokens.field("refresh_token")).status()).isEqualTo(200);

		assertThat(client.refresh(tokens.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
	}

	@Test
	void endingTheSessionsOfAUserRevokesTheTokensIssuedInThem() {
		TokenClient client = confidentialClient();
		Browser laptop = signedIn();
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(laptop, Map.of())), null);
		assertThat(client.userInfo(tokens.field("access_token")).status()).isEqualTo(200);

		assertThat(this.sessions.endAllOf(this.alice.id(), EndReason.ADMINISTRATOR)).isEqualTo(1);

		assertThat(client.refresh(tokens.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
		assertThat(client.userInfo(tokens.field("access_token")).status()).isEqualTo(401);
		assertThat(laptop.get("/").location()).startsWith("/login");
	}

	@Test
	void signingOutOneSessionRevokesTheTokensIssuedInItOnly() {
		TokenClient client = confidentialClient();
		Browser laptop = signedIn();
		Browser phone = signedIn();
		TokenClient.Response ended = client.exchange(TokenClient.codeOf(client.authorize(laptop, Map.of())), null);
		TokenClient.Response kept = client.exchange(TokenClient.codeOf(client.authorize(phone, Map.of())), null);
		String laptopId = SessionCookies.sha256(SessionCookies.secretIn(SessionCookies.of(laptop)));

		assertThat(this.sessions.endOneOf(this.alice.id(), laptopId, EndReason.SIGNED_OUT_ELSEWHERE)).isEqualTo(1);

		assertThat(client.refresh(ended.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
		assertThat(client.userInfo(kept.field("access_token")).status()).isEqualTo(200);
		assertThat(laptop.get("/").location()).isEqualTo("/login?ended=signed_out_elsewhere");
		assertThat(phone.get("/").status()).isEqualTo(200);
	}

	@Test
	void switchingTwoFactorOnRevokesTokensOfSessionsSignedInWithoutIt() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		TokenClient client = confidentialClient();
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/");
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(browser, Map.of())),
				null);
		assertThat(strings(tokens.claimsOf("id_token").get("amr"))).containsExactly("pwd");
		assertThat(tokens.claimsOf("id_token").get("acr").asString()).isEqualTo("pwd");

		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);

		assertThat(client.refresh(tokens.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
	}

	@Test
	void maxAgeAsksAnOlderSignInForAFreshSecondFactor() {
		TokenClient client = confidentialClient();
		Browser browser = signedIn();
		this.clock.advance(Duration.ofMinutes(20));

		Page stepUp = client.authorize(browser, Map.of("max_age", "600"));

		assertThat(stepUp.location()).isEqualTo("/login/verify");
		assertThat(browser.get("/account").location()).isEqualTo("/login/verify");
		Page back = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(this.alice)));
		assertThat(back.location()).contains("/oauth2/authorize?");
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(back.follow()), null);
		JsonNode idToken = tokens.claimsOf("id_token");
		assertThat(idToken.get("auth_time").asLong()).isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(strings(idToken.get("amr"))).contains("otp", "mfa");
	}

	@Test
	void stepUpGivesANewSessionIdThatKeepsTheSignInTimeAndTheTokensGrantedBefore() {
		TokenClient client = confidentialClient();
		Browser browser = signedIn();
		TokenClient.Response before = client.exchange(TokenClient.codeOf(client.authorize(browser, Map.of())),
				null);
		String signedInId = SessionIds.of(browser);
		List<Instant> signedInAt = signedInAt();
		this.clock.advance(Duration.ofMinutes(5));

		Page stepUp = client.authorize(browser, Map.of("prompt", "login"));
		assertThat(stepUp.location()).isEqualTo("/login/verify");
		Page back = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(this.alice)));

		assertThat(back.location()).contains("/oauth2/authorize?");
		SessionIds.renewed(this.port, browser, signedInId, "the step-up");
		assertThat(TokenClient.codeOf(back.follow())).isNotBlank();
		// one signed-in session still, from the first sign-in: the step-up neither adds a session nor extends it
		assertThat(signedInAt()).hasSize(1).isEqualTo(signedInAt);
		this.sessions.endAllOf(this.alice.id(), EndReason.ADMINISTRATOR);
		assertThat(client.refresh(before.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
	}

	private List<Instant> signedInAt() {
		return this.jdbc.sql("SELECT signed_in_at FROM signed_in_session WHERE account_id = :id")
			.param("id", this.alice.id())
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
	}

	@Test
	void acrValuesAskingForASecondFactorGetOneWhenThePolicyIsOptional() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account bob = People.alice(this.accounts);
		TokenClient client = confidentialClient();
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(bob.login(), People.PASSWORD).location()).isEqualTo("/");
		String plain = TokenClient.codeOf(client.authorize(browser, Map.of()));
		assertThat(client.exchange(plain, null).claimsOf("id_token").get("acr").asString()).isEqualTo("pwd");

		Page stepUp = client.authorize(browser, Map.of("acr_values", "mfa"));

		assertThat(stepUp.location()).isEqualTo("/login/verify");
		Page choose = browser.get("/login/verify");
		String address = "2fa-" + bob.login() + "@example.com";
		choose.form("form[action$=/login/verify/email]").set("email", address).submit();
		Page back = SignIns.submitCode(browser, this.mailbox.nextCode(address));
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(back.follow()), null);
		assertThat(tokens.claimsOf("id_token").get("acr").asString()).isEqualTo("mfa");
		assertThat(strings(tokens.claimsOf("id_token").get("amr"))).containsExactlyInAnyOrder("pwd", "otp", "mfa");
	}

	@Test
	void promptNoneWithAStaleSignInGetsLoginRequiredAtTheRegisteredAddress() {
		TokenClient client = confidentialClient();
		Browser browser = signedIn();
		this.clock.advance(Duration.ofMinutes(20));

		Page answer = client.authorize(browser, Map.of("max_age", "60", "prompt", "none"));

		assertThat(TokenClient.query(answer.location())).containsEntry("error", "login_required");
		assertThat(answer.location()).startsWith(TokenClient.REDIRECT_URI);
	}

	@Test
	void signOutRequestedByTheApplicationEndsTheSessionAndGoesBackToARegisteredAddress() {
		TokenClient client = confidentialClient();
		Browser browser = signedIn();
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(browser, Map.of())),
				null);

		Page logout = browser.get("/connect/logout?" + TokenClient.form(Map.of("id_token_hint",
				tokens.field("id_token"), "post_logout_redirect_uri", "https://app.example.com/signed-out",
				"state", "s1")));

		assertThat(logout.location()).isEqualTo("https://app.example.com/signed-out?state=s1");
		assertThat(browser.get("/").location()).startsWith("/login");
	}

	@Test
	void signingKeysRotateAndThePreviousKeyStaysPublished() {
		TokenClient client = confidentialClient();
		String before = client.get("/oauth2/jwks").json().get("keys").get(0).get("kid").asString();

		this.clock.advance(Duration.ofDays(31));
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(signedIn(), Map.of())),
				null);

		JsonNode keys = client.get("/oauth2/jwks").json().get("keys");
		assertThat(keys.size()).isEqualTo(2);
		String header = new String(Base64.getUrlDecoder().decode(tokens.field("id_token").split("\\.")[0]));
		assertThat(header).doesNotContain(before);
		assertThat(this.jdbc.sql("SELECT sealed_private_key FROM oidc_signing_key").query(String.class).list())
			.allSatisfy(sealed -> assertThat(sealed).matches("k[0-9a-f]+:.+").doesNotStartWith("MII"));
	}

	@Test
	void disabledClientIsUnknownAndItsTokensAreRevoked() {
		RegisteredApplication app = register(true, true, TokenClient.REDIRECT_URI);
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(client.authorize(signedIn(), Map.of())),
				null);

		assertThat(this.clients.disable(app.client().id())).isTrue();

		assertThat(client.refresh(tokens.field("refresh_token")).status()).isEqualTo(401);
		assertThat(client.refresh(tokens.field("refresh_token")).field("error")).isEqualTo("invalid_client");
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

}
