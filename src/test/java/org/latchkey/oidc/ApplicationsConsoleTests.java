package org.latchkey.oidc;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TokenClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications in the console, through HTTP: an administrator registers one, sees its secret once (the
 * database keeps only a keyed hash), replaces the secret, disables it; people who are not administrators get
 * none of it; a third-party application asks people to consent on a page of the product, and a refusal
 * reaches the application as {@code access_denied}.
 */
@LatchkeyTest
@StorageInvariants
class ApplicationsConsoleTests extends ApplicationScenarios {

	Browser administrator() {
		Account ada = People.ada(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	/** The application's page, through the link under its credentials. */
	static Page details(Browser browser, Page credentials) {
		return browser.get(credentials.document().selectFirst("main a[href*=/admin/applications/]").attr("href"));
	}

	Page register(Browser browser, String name, boolean thirdParty) {
		Browser.Form form = browser.get("/admin/applications")
			.form("form[action$=/admin/applications]")
			.set("name", name)
			.set("redirectUris", TokenClient.REDIRECT_URI);
		if (thirdParty) {
			form.set("thirdParty", "true");
		}
		return form.submit();
	}

	@Test
	void registeredSecretIsShownOnceAndStoredAsAKeyedHash() {
		Browser browser = administrator();

		Page shown = register(browser, "Wiki", false);

		assertThat(shown.status()).isEqualTo(200);
		String clientId = shown.document().selectFirst("code.client-id").text();
		String secret = shown.document().selectFirst("code.client-secret").text();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		String stored = this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = :id")
			.param("id", clientId)
			.query(String.class)
			.single();
		assertThat(stored).isNotEqualTo(secret).doesNotContain(secret);
		String id = this.jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = :id")
			.param("id", clientId)
			.query(String.class)
			.single();
		Page details = browser.get("/admin/applications/" + id);
		assertThat(details.body()).contains(clientId).doesNotContain(secret);
		assertThat(browser.get("/admin/applications").text()).contains("Wiki");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'OIDC_CLIENT_REGISTERED'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void replacedSecretStopsWorkingAtOnce() {
		Browser browser = administrator();
		Page shown = register(browser, "Reports", false);
		String clientId = shown.document().selectFirst("code.client-id").text();
		String oldSecret = shown.document().selectFirst("code.client-secret").text();
		Page details = details(browser, shown);

		Page rotated = details.form("form[action$=/secret]").submit();

		String newSecret = rotated.document().selectFirst("code.client-secret").text();
		assertThat(newSecret).isNotEqualTo(oldSecret);
		TokenClient.Response withOld = new TokenClient(this.port, clientId, oldSecret).refresh("anything");
		TokenClient.Response withNew = new TokenClient(this.port, clientId, newSecret).refresh("anything");
		assertThat(withOld.status()).isEqualTo(401);
		assertThat(withOld.field("error")).isEqualTo("invalid_client");
		assertThat(withNew.status()).isEqualTo(400);
		assertThat(withNew.field("error")).isEqualTo("invalid_grant");
	}

	@Test
	void refusedAddressesAreExplainedAndNothingIsRegistered() {
		Browser browser = administrator();
		for (String refused : new String[] { "http://app.example.com/callback", "https://app.example.com/#frag",
				"javascript:alert(1)", "/relative", "https://a.example.com/x,y" }) {
			Page answer = browser.get("/admin/applications")
				.form("form[action$=/admin/applications]")
				.set("name", "Bad")
				.set("redirectUris", refused)
				.submit();
			assertThat(answer.status()).as(refused).isEqualTo(400);
			assertThat(answer.text()).contains("Each address must be a full https address");
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_name = 'Bad'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void peopleWhoAreNotAdministratorsCannotSeeOrRegisterApplications() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		assertThat(browser.get("/admin/applications").status()).isEqualTo(403);
		assertThat(browser.post("/admin/applications", Map.of("name", "X", "redirectUris",
				TokenClient.REDIRECT_URI)).status()).isEqualTo(403);
	}

	@Test
	void thirdPartyApplicationAsksForConsentAndARefusalReachesItAsAccessDenied() {
		Browser admin = administrator();
		Page shown = register(admin, "Partner", true);
		TokenClient client = new TokenClient(this.port, shown.document().selectFirst("code.client-id").text(),
				shown.document().selectFirst("code.client-secret").text());
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		// the test browser's form sends the last checked scope only: the application may ask for openid and email
		Map<String, String> scope = Map.of("scope", "openid email");
		Page consent = client.authorize(browser, scope).follow();

		assertThat(consent.text()).contains("Partner wants you to sign in").contains("Your email address");
		Page refused = consent.form("form.inline-actions").submit();
		assertThat(refused.status()).as(refused.body()).isEqualTo(302);
		assertThat(TokenClient.query(refused.location())).containsEntry("error", "access_denied")
			.containsEntry("state", "state-1");

		Page again = client.authorize(browser, scope).follow();
		Page allowed = again.form("form.card").submit();
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(allowed), null);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.claimsOf("id_token").get("email").asString()).isEqualTo(alice.businessEmail());
	}

	@Test
	void disabledApplicationIsRefusedAtTheAuthorizationEndpoint() {
		Browser admin = administrator();
		Page shown = register(admin, "Old", false);
		TokenClient client = new TokenClient(this.port, shown.document().selectFirst("code.client-id").text(),
				null);
		Page details = details(admin, shown);

		Page disabled = details.form("form[action$=/disable]").submit().follow();

		assertThat(disabled.text()).contains("The application is disabled");
		Page refused = client.authorize(admin, Map.of());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Location")).isEmpty();
	}

}
