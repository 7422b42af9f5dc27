package org.latchkey.sso;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication &amp; SSO → Single sign-on in the console: a provider added from its issuer's discovery document
 * shown for confirmation, its client secret sealed at rest and shown only by its last four characters, changed,
 * disabled and removed with an audit entry each; a user's profile lists their linked providers and unlinks one.
 */
@LatchkeyTest
class IdentityProvidersConsoleTests extends SsoScenarios {

	Browser administrator() {
		Browser browser = new Browser(this.port);
		Account ada = People.ada(this.accounts);
		assertThat(browser.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	@Test
	void anAdministratorAddsAProviderAfterConfirmingWhatItsDiscoveryDocumentSays() {
		Browser admin = administrator();
		String secret = "console-secret-" + People.unique("s") + "-WXYZ";
		Secrets.seen(secret);

		assertThat(admin.get("/admin/authentication").document().select("a[href=/admin/sso]")).isNotEmpty();
		Page list = admin.get("/admin/sso");
		assertThat(list.text()).contains("/login/sso/callback");
		Page confirm = list.form("form[action$=/admin/sso/discover]").set("issuer", upstream.issuer()).submit();

		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.document().select("#discovery").text()).contains(upstream.issuer() + "/token")
			.contains(upstream.issuer() + "/jwks")
			.contains(upstream.endSessionEndpoint());
		Page saved = confirm.form("form[action$=/admin/sso]")
			.set("displayName", "Fabrikam")
			.set("buttonLabel", "Sign in with Fabrikam")
			.set("clientId", CLIENT_ID)
			.set("clientSecret", secret)
			.submit();

		assertThat(saved.location()).isEqualTo("/admin/sso");
		assertThat(saved.follow().document().select("#providers").text()).contains("Fabrikam");
		SsoProvider fabrikam = this.providers.all()
			.stream()
			.filter(p -> p.displayName().equals("Fabrikam"))
			.findFirst()
			.orElseThrow();
		assertThat(fabrikam.clientSecretHint()).isEqualTo("WXYZ");
		assertThat(fabrikam.linking()).isEqualTo(ProviderLinking.LINK_EXISTING);
		assertThat(fabrikam.secondFactor()).isEqualTo(SecondFactorAfterSso.TRUST_PROVIDER);
		assertThat(fabrikam.linkClaim()).isEqualTo("email");
		String stored = this.jdbc.sql("SELECT sealed_client_secret FROM sso_provider WHERE id = :id")
			.param("id", fabrikam.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(secret).doesNotContain("console-secret");
		Page settings = admin.get("/admin/sso/" + fabrikam.id());
		assertThat(settings.text()).contains("Stored, ending in WXYZ").doesNotContain(secret);
		assertThat(audited("SSO_PROVIDER_ADDED", "SUCCESS", upstream.issuer())).isPositive();
	}

	@Test
	void anIssuerWhoseDiscoveryCannotBeFetchedIsRefusedOnThePage() {
		Browser admin = administrator();

		Page refused = admin.get("/admin/sso")
			.form("form[action$=/admin/sso/discover]")
			.set("issuer", "http://localhost:1/nothing-here")
			.submit();
		Page plainHttp = admin.get("/admin/sso")
			.form("form[action$=/admin/sso/discover]")
			.set("issuer", "http://idp.example.com")
			.submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("could not be reached");
		assertThat(plainHttp.status()).isEqualTo(400);
		assertThat(plainHttp.text()).contains("Enter the issuer's HTTPS address");
	}

	@Test
	void changingDisablingAndRemovingAProviderAreAudited() {
		Browser admin = administrator();
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);

		Page changed = admin.get("/admin/sso/" + contoso.id())
			.form("form[action$=/admin/sso/" + contoso.id() + "]")
			.set("buttonLabel", "Contoso SSO")
			.set("linking", "CREATE_ACCOUNTS")
			.set("secondFactor", "PROVIDER_MFA")
			.set("acceptedAcr", "silver gold")
			.submit();
		assertThat(changed.location()).isEqualTo("/admin/sso");
		SsoProvider now = this.providers.find(contoso.id()).orElseThrow();
		assertThat(now.buttonLabel()).isEqualTo("Contoso SSO");
		assertThat(now.linking()).isEqualTo(ProviderLinking.CREATE_ACCOUNTS);
		assertThat(now.acceptedAcr()).containsExactly("silver", "gold");
		assertThat(now.clientSecretHint()).isEqualTo(contoso.clientSecretHint());

		assertThat(new Browser(this.port).get("/login").text()).contains("Contoso SSO");
		admin.get("/admin/sso").form("form[action$=/admin/sso/" + contoso.id() + "/enabled]").submit();
		assertThat(this.providers.find(contoso.id()).orElseThrow().enabled()).isFalse();
		assertThat(new Browser(this.port).get("/login").text()).doesNotContain("Contoso SSO");
		admin.get("/admin/sso").form("form[action$=/admin/sso/" + contoso.id() + "/remove]").submit();
		assertThat(this.providers.find(contoso.id())).isEmpty();

		assertThat(audited("SSO_PROVIDER_CHANGED", "SUCCESS", "settings")).isPositive();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event IN ('SSO_PROVIDER_DISABLED',"
				+ " 'SSO_PROVIDER_REMOVED') AND subject = 'Contoso'").query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void signInPagesReadTheProvidersAgainOnlyAfterAChange() {
		provider(ProviderLinking.LINK_EXISTING);
		assertThat(new Browser(this.port).get("/login").text()).contains("Sign in with Contoso");

		List<String> reading = StatementCounter.during(() -> assertThat(new Browser(this.port).get("/login").text())
			.contains("Sign in with Contoso"));

		assertThat(reading).as("statements of the sign-in page: %s", reading)
			.noneMatch(sql -> sql.contains("FROM sso_provider"));
	}

	@Test
	void aUsersProfileListsTheirLinkedProvidersAndUnlinksOne() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-profile", alice.businessEmail(), true);
		signInThrough(new Browser(this.port), contoso);
		Browser admin = administrator();

		Page profile = admin.get("/admin/users/" + alice.id());
		assertThat(profile.document().select("#sso-links").text()).contains("Contoso").contains("alice-profile");
		Page unlinked = profile.form("#sso-links form:has(input[name=provider][value=" + contoso.id() + "])")
			.submit();

		assertThat(unlinked.location()).isEqualTo("/admin/users/" + alice.id());
		assertThat(this.providers.linksOf(alice.id())).isEmpty();
		assertThat(unlinked.follow().text()).contains("Not linked to any identity provider");
		assertThat(audited("SSO_ACCOUNT_UNLINKED", "SUCCESS", "Contoso")).isPositive();
	}

}
