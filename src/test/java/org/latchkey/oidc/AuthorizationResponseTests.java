package org.latchkey.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.TokenClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization endpoint answers as OpenID Connect Core and RFC 6749 §4.1.2.1 say: a request it does not
 * serve (another response type, none, a request object or a request URI) goes back to the application's
 * registered address with the error and the {@code state}; a request with an unknown client or redirect URI
 * gets a page and is never redirected; every answer at the application's address carries the issuer (RFC 9207).
 */
@LatchkeyTest
class AuthorizationResponseTests extends ApplicationScenarios {

	@Autowired
	OidcClients clients;

	String clientId;

	Browser browser;

	@BeforeEach
	void signedIn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.clientId = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email"))).client().clientId();
		this.browser = new Browser(this.port);
		assertThat(this.browser.signIn(People.alice(this.accounts).login(), People.PASSWORD).location())
			.isEqualTo("/");
	}

	@Test
	void responseTypesOtherThanCodeGoBackToTheApplicationAsUnsupported() {
		for (String responseType : List.of("token", "id_token", "id_token token", "code id_token")) {
			Map<String, String> answer = answerAtApplication(authorize(Map.of("response_type", responseType)));

			assertThat(answer).as(responseType)
				.containsEntry("error", "unsupported_response_type")
				.containsEntry("state", "state-1")
				.containsEntry("iss", issuer());
		}
	}

	@Test
	void missingResponseTypeGoesBackToTheApplicationAsAnInvalidRequest() {
		Map<String, String> parameters = request(Map.of());
		parameters.remove("response_type");

		assertThat(answerAtApplication(this.browser.get("/oauth2/authorize?" + TokenClient.form(parameters))))
			.containsEntry("error", "invalid_request")
			.containsEntry("state", "state-1");
	}

	@Test
	void requestObjectsAndRequestUrisAreRefusedAtTheApplication() {
		assertThat(answerAtApplication(authorize(Map.of("request", "eyJhbGciOiJub25lIn0.eyJzdGF0ZSI6IngifQ."))))
			.containsEntry("error", "request_not_supported")
			.containsEntry("state", "state-1");
		assertThat(answerAtApplication(authorize(Map.of("request_uri", "https://app.example.com/request.jwt"))))
			.containsEntry("error", "request_uri_not_supported")
			.containsEntry("state", "state-1");
	}

	@Test
	void codeComesBackWithTheIssuerAndTheState() {
		Map<String, String> answer = answerAtApplication(authorize(Map.of()));

		assertThat(answer.get("code")).isNotBlank();
		assertThat(answer).containsEntry("state", "state-1").containsEntry("iss", issuer());
		assertThat(new TokenClient(this.port, "none", null).get("/.well-known/openid-configuration")
			.json()
			.get("authorization_response_iss_parameter_supported")
			.asBoolean()).isTrue();
	}

	@Test
	void unknownClientOrRedirectUriGetsAPageEvenForAnUnsupportedResponseType() {
		Page unknownClient = authorize(Map.of("client_id", "no-such-client", "response_type", "token"));
		Page otherAddress = authorize(Map.of("redirect_uri", "https://attacker.example/callback",
				"response_type", "token"));

		for (Page refused : List.of(unknownClient, otherAddress)) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.header("Location")).isEmpty();
			assertThat(refused.document().selectFirst("main")).isNotNull();
		}
	}

	private Page authorize(Map<String, String> extra) {
		return this.browser.get("/oauth2/authorize?" + TokenClient.form(request(extra)));
	}

	private Map<String, String> request(Map<String, String> extra) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", this.clientId);
		parameters.put("redirect_uri", TokenClient.REDIRECT_URI);
		parameters.put("scope", "openid profile");
		parameters.put("state", "state-1");
		parameters.putAll(extra);
		return parameters;
	}

	private static Map<String, String> answerAtApplication(Page answer) {
		assertThat(answer.location()).startsWith(TokenClient.REDIRECT_URI + "?");
		return TokenClient.query(answer.location());
	}

	private String issuer() {
		return "http://localhost:" + this.port;
	}

}
