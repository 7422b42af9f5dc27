package org.latchkey.admin;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's redirect URIs edited in the console: saved and audited when they pass the checks made at
 * registration, refused with the reason (and nothing changed) when they do not.
 */
@LatchkeyTest
class ApplicationRedirectsTests extends ConsoleScenarios {

	@Autowired
	OidcClients clients;

	@Test
	void administratorReplacesTheRedirectUrisAndTheChangeIsAudited() {
		OidcClient app = register(true);

		Page saved = edit(app, "https://wiki.example.com/callback\nhttps://wiki.example.com/other",
				"https://wiki.example.com/bye").follow();

		assertThat(saved.text()).contains("The redirect URIs were saved");
		assertThat(this.clients.find(app.id()).orElseThrow().redirectUris())
			.containsExactly("https://wiki.example.com/callback", "https://wiki.example.com/other");
		assertThat(this.clients.find(app.id()).orElseThrow().postLogoutRedirectUris())
			.containsExactly("https://wiki.example.com/bye");
		assertThat(saved.document().selectFirst("#redirectUris").text()).contains("https://wiki.example.com/other");
		AuditRow row = Console.auditRows(this.admin.get("/admin/audit?event=OIDC_CLIENT_REDIRECTS_CHANGED")).get(0);
		assertThat(row.actor()).isEqualTo(this.ada.login());
		assertThat(row.detail()).isEqualTo("client_id " + app.clientId());
	}

	@Test
	void badRedirectUrisAreRefusedAsAtRegistrationAndNothingChanges() {
		OidcClient app = register(true);

		List<String> refused = List.of("http://wiki.example.com/callback", "https://wiki.example.com/cb#fragment",
				"javascript:alert(1)", "com.example.app:/callback", "/relative", "");
		for (String uris : refused) {
			Page answer = edit(app, uris, "");
			assertThat(answer.status()).as(uris).isEqualTo(400);
			assertThat(answer.document().selectFirst("#redirects-error").text()).as(uris)
				.isIn("Each address must be a full https address (http only on localhost), without a fragment or a comma.",
						"Enter at least one redirect URI.");
			assertThat(answer.document().selectFirst("#redirectUris").text()).as("what was typed stays").isEqualTo(uris);
		}
		Page badLogout = edit(app, "https://wiki.example.com/callback", "http://evil.example/bye");

		assertThat(badLogout.status()).isEqualTo(400);
		assertThat(this.clients.find(app.id()).orElseThrow().redirectUris())
			.containsExactly("https://wiki.example.com/start");
		assertThat(this.clients.find(app.id()).orElseThrow().postLogoutRedirectUris()).isEmpty();
	}

	@Test
	void aPublicApplicationMayUseItsOwnSchemeAsAtRegistration() {
		OidcClient app = register(false);

		edit(app, "com.example.app:/callback\nhttp://localhost:8123/callback", "");

		assertThat(this.clients.find(app.id()).orElseThrow().redirectUris())
			.containsExactly("com.example.app:/callback", "http://localhost:8123/callback");
	}

	@Test
	void anUnknownApplicationIsNotFound() {
		Page page = this.admin.get("/admin/applications/" + register(true).id());

		Page answer = this.admin.post("/admin/applications/no-such-app/redirects",
				java.util.Map.of("redirectUris", "https://wiki.example.com/callback", "_csrf", page.csrf()));

		assertThat(answer.status()).isEqualTo(404);
	}

	private OidcClient register(boolean confidential) {
		return this.clients.register(new NewClient(People.unique("Wiki"), confidential, true,
				"https://wiki.example.com/start", "", Set.of("openid"))).client();
	}

	private Page edit(OidcClient app, String redirectUris, String postLogoutRedirectUris) {
		return this.admin.get("/admin/applications/" + app.id())
			.form("form[action$=/redirects]")
			.set("redirectUris", redirectUris)
			.set("postLogoutRedirectUris", postLogoutRedirectUris)
			.submit();
	}

}
