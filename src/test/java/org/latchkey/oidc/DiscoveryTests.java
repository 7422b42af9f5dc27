package org.latchkey.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.TokenClient;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The discovery document advertises exactly what works: every grant type, client authentication method,
 * response type, scope and code challenge method it lists is tried here, and what Latchkey does not do (request
 * objects, certificate-bound tokens) is advertised as unsupported.
 */
@LatchkeyTest
class DiscoveryTests extends ApplicationScenarios {

	private static final String VERIFIER = "verifier-" + "v".repeat(50);

	@Autowired
	OidcClients clients;

	JsonNode discovery;

	Browser browser;

	@BeforeEach
	void signedIn() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.discovery = new TokenClient(this.port, "none", null).get("/.well-known/openid-configuration").json();
		this.browser = new Browser(this.port);
		assertThat(this.browser.signIn(People.alice(this.accounts).login(), People.PASSWORD).location())
			.isEqualTo("/");
	}

	@Test
	void everyAdvertisedGrantTypeWorks() {
		TokenClient client = confidential();
		for (String grant : strings("grant_types_supported")) {
			TokenClient.Response tokens = client.exchange(code(client, Map.of()), null);
			switch (grant) {
				case "authorization_code" -> assertThat(tokens.status()).isEqualTo(200);
				case "refresh_token" -> assertThat(client.refresh(tokens.field("refresh_token")).status())
					.isEqualTo(200);
				default -> fail("Advertised grant type that no client can use: " + grant);
			}
		}
	}

	@Test
	void everyAdvertisedClientAuthenticationMethodWorks() {
		for (String method : strings("token_endpoint_auth_methods_supported")) {
			TokenClient.Response tokens = switch (method) {
				case "client_secret_basic" -> exchanged(confidential(), Map.of(), null);
				case "client_secret_post" -> exchanged(confidential().withSecretInBody(), Map.of(), null);
				case "none" -> exchanged(publicClient(), pkce("S256"), VERIFIER);
				default -> fail("Advertised client authentication that no client can use: " + method);
			};
			assertThat(tokens.status()).as(method).isEqualTo(200);
		}
		for (String field : List.of("revocation_endpoint_auth_methods_supported",
				"introspection_endpoint_auth_methods_supported")) {
			assertThat(strings(field)).as(field).containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
		}
	}

	@Test
	void everyAdvertisedResponseTypeScopeAndCodeChallengeMethodWorks() {
		TokenClient client = confidential();
		for (String responseType : strings("response_types_supported")) {
			assertThat(exchanged(client, Map.of("response_type", responseType), null).status()).as(responseType)
				.isEqualTo(200);
		}
		for (String scope : strings("scopes_supported")) {
			TokenClient.Response tokens = exchanged(client, Map.of("scope", "openid " + scope), null);
			assertThat(tokens.field("scope").split(" ")).as(scope).contains(scope);
		}
		for (String method : strings("code_challenge_methods_supported")) {
			assertThat(exchanged(publicClient(), pkce(method), VERIFIER).status()).as(method).isEqualTo(200);
		}
	}

	@Test
	void whatLatchkeyDoesNotDoIsNotAdvertised() {
		assertThat(strings("grant_types_supported")).containsExactlyInAnyOrder("authorization_code", "refresh_token");
		assertThat(strings("token_endpoint_auth_methods_supported")).contains("none")
			.doesNotContain("client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth");
		assertThat(this.discovery.path("tls_client_certificate_bound_access_tokens").asBoolean(false)).isFalse();
		assertThat(this.discovery.get("request_parameter_supported").asBoolean()).isFalse();
		assertThat(this.discovery.get("request_uri_parameter_supported").asBoolean()).isFalse();
	}

	private TokenClient confidential() {
		RegisteredApplication app = register(true);
		return new TokenClient(this.port, app.client().clientId(), app.secret());
	}

	private TokenClient publicClient() {
		return new TokenClient(this.port, register(false).client().clientId(), null);
	}

	private RegisteredApplication register(boolean confidential) {
		return this.clients.register(new NewClient("Wiki", confidential, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", OidcClients.SCOPES));
	}

	private static Map<String, String> pkce(String method) {
		String challenge = "S256".equals(method) ? TokenClient.challenge(VERIFIER) : VERIFIER;
		return Map.of("code_challenge", challenge, "code_challenge_method", method);
	}

	private String code(TokenClient client, Map<String, String> extra) {
		return TokenClient.codeOf(client.authorize(this.browser, extra));
	}

	private TokenClient.Response exchanged(TokenClient client, Map<String, String> extra, String verifier) {
		return client.exchange(code(client, extra), verifier);
	}

	private List<String> strings(String field) {
		List<String> values = new ArrayList<>();
		this.discovery.get(field).forEach(value -> values.add(value.asString()));
		return values;
	}

}
