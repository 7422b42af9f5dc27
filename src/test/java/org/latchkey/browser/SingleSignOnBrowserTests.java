package org.latchkey.browser;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.relyingparty.RelyingParty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.sso.ProviderLinking;
import org.latchkey.sso.ProviderSettings;
import org.latchkey.sso.SecondFactorAfterSso;
import org.latchkey.sso.SsoProvider;
import org.latchkey.sso.SsoProviders;
import org.latchkey.testing.People;
import org.latchkey.testing.UpstreamProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in Chromium, the whole way: a person opens an application registered in Latchkey, is sent to
 * Latchkey's sign-in page, presses the organisation's button, is signed in by the upstream provider
 * (mock-oauth2-server) without typing anything more, and lands in the application, whose ID token from
 * Latchkey says how: the provider's methods passed on, and {@code fed}.
 */
class SingleSignOnBrowserTests extends BrowserScenarios {

	static UpstreamProvider upstream;

	@Autowired
	SsoProviders providers;

	@Autowired
	OidcClients clients;

	@BeforeAll
	static void startTheUpstreamProvider() {
		upstream = new UpstreamProvider();
	}

	@AfterAll
	static void stopTheUpstreamProvider() {
		upstream.close();
	}

	@Test
	void aPersonSignsInThroughTheOrganisationsProviderIntoAnApplicationRegisteredInLatchkey() {
		upstream.follow(this.clock);
		String label = "Sign in with " + People.unique("Contoso");
		SsoProvider contoso = this.providers.add(upstream.issuer(), new ProviderSettings("Contoso", label, "latchkey",
				"browser-upstream-secret", "openid email profile", "email", ProviderLinking.LINK_EXISTING,
				SecondFactorAfterSso.TRUST_PROVIDER, List.of()));
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-in-chromium",
				Map.of("email", alice.businessEmail(), "email_verified", true, "amr", List.of("pwd")));
		int rpPort = RelyingParty.freePort();
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true,
				RelyingParty.redirectUri(rpPort), "https://app.example.com/signed-out",
				Set.of("openid", "profile", "email")));

		try (ConfigurableApplicationContext rp = RelyingParty.start(rpPort, "http://localhost:" + this.port,
				app.client().clientId(), app.secret())) {
			Window window = window().open("http://localhost:" + rpPort + "/signed-in");
			assertThat(window.path()).isEqualTo("/login");
			window.press(label);

			assertThat(window.path()).startsWith("http://localhost:" + rpPort + "/signed-in");
			assertThat(window.text()).contains("Signed in to the relying party");
			assertThat(window.read("#claims")).contains("pwd").contains("fed").endsWith("acr=fed");
		}
		assertThat(this.jdbc.sql("SELECT method || ' ' || sso_provider_id FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo("SSO " + contoso.id());
	}

}
