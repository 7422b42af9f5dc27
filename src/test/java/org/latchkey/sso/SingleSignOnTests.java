package org.latchkey.sso;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Role;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.BrokenEndpoint;
import org.latchkey.testing.BrokenEndpoint.Failure;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through an upstream OpenID Connect provider, against a real one (NAV's mock-oauth2-server): both
 * linking rules and the refusal when neither applies, a disabled account, the second-factor policies, and every
 * failure of the flow (a replayed state, an error from the provider, a provider that does not answer in time or
 * hangs up, a token signed with a key not in its JWKS, one for another audience, an expired one, an unverified
 * email): each a clear page and an audit entry, never a 500.
 */
@LatchkeyTest
class SingleSignOnTests extends SsoScenarios {

	@BeforeEach
	void twoFactorIsOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void personWithAVerifiedEmailSignsInToTheAccountWithThatEmailAndTheSessionNamesTheProvider() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);

		assertThat(browser.get("/login").document().select("a[href=/login/sso/" + contoso.id() + "]").text())
			.isEqualTo("Sign in with Contoso");
		upstream.nextSignIn("alice-at-contoso", alice.businessEmail(), true);
		Page landed = signInThrough(browser, contoso);

		assertThat(landed.location()).isEqualTo("/");
		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT method, sso_provider_id FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query((rs, row) -> rs.getString(1) + " " + rs.getLong(2))
			.single()).isEqualTo("SSO " + contoso.id());
		assertThat(this.providers.linksOf(alice.id())).extracting(LinkedProvider::subject)
			.containsExactly("alice-at-contoso");
		assertThat(audited("SSO_SIGN_IN", "SUCCESS", "Contoso%")).isPositive();
	}

	@Test
	void aLinkedPersonSignsInByTheirSubjectEvenAfterTheirEmailChangedAtTheProvider() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-subject", alice.businessEmail(), true);
		signInThrough(new Browser(this.port), contoso);

		upstream.nextSignIn("alice-subject", "alice.renamed@contoso.example", false);
		Browser again = new Browser(this.port);
		assertThat(signInThrough(again, contoso).location()).isEqualTo("/");
		assertThat(again.get("/account").text()).contains(alice.login());
	}

	@Test
	void anUnknownPersonGetsAnAccountAtFirstSignInWhenTheProviderCreatesAccounts() {
		SsoProvider contoso = provider(ProviderLinking.CREATE_ACCOUNTS);
		String login = People.unique("bob");
		upstream.nextSignIn("bob-subject", Map.of("email", login + "@contoso.example", "email_verified", true,
				"preferred_username", login, "name", "Bob Builder"));
		Browser browser = new Browser(this.port);

		assertThat(signInThrough(browser, contoso).location()).isEqualTo("/");
		Account bob = this.accounts.findByLogin(login).orElseThrow();
		assertThat(bob.role()).isEqualTo(Role.USER);
		assertThat(bob.status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(bob.businessEmail()).isEqualTo(login + "@contoso.example");
		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(new Browser(this.port).signIn(login, "").location()).isEqualTo("/login?error");
		assertThat(audited("SSO_ACCOUNT_CREATED", "SUCCESS", "Contoso")).isPositive();
	}

	@Test
	void anUnknownPersonIsRefusedWithAClearPageWhenTheProviderOnlyLinksExistingAccounts() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		String email = People.unique("nobody") + "@contoso.example";
		upstream.nextSignIn("nobody-subject", email, true);
		Browser browser = new Browser(this.port);

		Page refused = signInThrough(browser, contoso);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("No Latchkey account is linked to your Contoso account");
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(this.accounts.findByIdentifier(email, AccountStatus.ACTIVE, 1)).isEmpty();
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "UNKNOWN_PERSON (Contoso)%")).isPositive();
	}

	@Test
	void neitherLinkingNorCreatingRefusesEvenAnExistingAccountsEmail() {
		SsoProvider contoso = provider(ProviderLinking.LINKED_ONLY);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-unlinked", alice.businessEmail(), true);

		Page refused = signInThrough(new Browser(this.port), contoso);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("No Latchkey account is linked");
		assertThat(this.providers.linksOf(alice.id())).isEmpty();
	}

	@Test
	void anEmailTheProviderDoesNotCallVerifiedLinksNothing() {
		SsoProvider contoso = provider(ProviderLinking.CREATE_ACCOUNTS);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("mallory-subject", alice.businessEmail(), false);
		Browser mallory = new Browser(this.port);

		Page refused = signInThrough(mallory, contoso);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("did not confirm that your email address is verified");
		assertThat(mallory.get("/account").location()).endsWith("/login");
		assertThat(this.providers.linksOf(alice.id())).isEmpty();
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "EMAIL_NOT_VERIFIED%")).isPositive();
	}

	@Test
	void aDisabledAccountCannotSignInThroughTheProviderEither() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-disabled", alice.businessEmail(), true);
		signInThrough(new Browser(this.port), contoso);
		this.accounts.disable(alice.id());

		upstream.nextSignIn("alice-disabled", alice.businessEmail(), true);
		Browser browser = new Browser(this.port);
		Page refused = signInThrough(browser, contoso);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("Your Latchkey account is disabled");
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "ACCOUNT_DISABLED%")).isPositive();
	}

	@Test
	void aReplayedCallbackIsRefusedInTheSameBrowserAndInAnother() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-replay", alice.businessEmail(), true);
		Browser browser = new Browser(this.port);
		String callback = callbackOf(browser, contoso);
		assertThat(browser.get(callback).location()).isEqualTo("/");

		Page again = browser.get(callback);
		Page elsewhere = new Browser(this.port).get(callback);

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text()).contains("was already used, expired, or was not started in this browser");
		assertThat(elsewhere.status()).isEqualTo(400);
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "STATE_INVALID%")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aCallbackWithAnotherStateThanTheBrowsersIsRefused() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Browser browser = new Browser(this.port);
		browser.get("/login/sso/" + contoso.id());

		Page forged = browser.get("/login/sso/callback?state=forged&code=anything");

		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.text()).contains("was already used, expired, or was not started in this browser");
	}

	@Test
	void anErrorFromTheProviderIsAClearPageAndAudited() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Browser browser = new Browser(this.port);
		String toProvider = browser.get("/login/sso/" + contoso.id()).location();
		String state = org.latchkey.testing.TokenClient.query(toProvider).get("state");

		Page refused = browser.get("/login/sso/callback?state=" + state + "&error=access_denied");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("Contoso answered with an error");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "PROVIDER_ERROR (Contoso): the provider answered access_denied"))
			.isPositive();
	}

	@Test
	void aTokenEndpointThatAnswersAnErrorIsAClearPage() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Browser browser = new Browser(this.port);
		String callback = callbackOf(browser, contoso);
		Page refused;
		try (BrokenEndpoint token = tokenEndpointFails(contoso, Failure.ERROR)) {
			refused = browser.get(callback);
		}

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("Contoso answered with an error");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "PROVIDER_ERROR%token endpoint answered 500%")).isPositive();
	}

	@Test
	void aProviderThatDoesNotAnswerInTimeIsAClearPageWithinTheTimeout() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Browser browser = new Browser(this.port);
		String callback = callbackOf(browser, contoso);
		long started = System.nanoTime();
		Page refused;
		try (BrokenEndpoint token = tokenEndpointFails(contoso, Failure.SLOW)) {
			refused = browser.get(callback);
		}

		assertThat(refused.status()).isEqualTo(502);
		assertThat(refused.text()).contains("Contoso did not answer in time or could not be reached");
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "PROVIDER_UNAVAILABLE%timed out")).isPositive();
	}

	@Test
	void aProviderThatHangsUpIsAClearPage() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Browser browser = new Browser(this.port);
		String callback = callbackOf(browser, contoso);
		Page refused;
		try (BrokenEndpoint token = tokenEndpointFails(contoso, Failure.HANGS_UP)) {
			refused = browser.get(callback);
		}

		assertThat(refused.status()).isEqualTo(502);
		assertThat(refused.text()).contains("could not be reached");
	}

	/** The provider's token endpoint moves, between the authorization request and the callback, to a broken one. */
	BrokenEndpoint tokenEndpointFails(SsoProvider provider, Failure failure) {
		BrokenEndpoint endpoint = new BrokenEndpoint(failure);
		this.jdbc.sql("UPDATE sso_provider SET token_endpoint = :url WHERE id = :id")
			.param("url", endpoint.url())
			.param("id", provider.id())
			.update();
		return endpoint;
	}

	@Test
	void anIdTokenSignedWithAKeyNotInTheProvidersJwksIsRefused() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-forged", person(alice.businessEmail()));
		// the keys Latchkey checks signatures with are not the provider's signing key
		this.jdbc.sql("UPDATE sso_provider SET jwks_uri = :keys WHERE id = :id")
			.param("keys", upstream.anotherIssuersKeys())
			.param("id", contoso.id())
			.update();
		Browser browser = new Browser(this.port);

		Page refused = signInThrough(browser, contoso);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("was not signed with one of its keys");
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "BAD_SIGNATURE%")).isPositive();
	}

	@Test
	void anIdTokenForAnotherAudienceIsRefused() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignInFor("another-application", "alice-elsewhere", person(alice.businessEmail()));
		Browser browser = new Browser(this.port);

		Page refused = signInThrough(browser, contoso);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("was meant for another application");
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "WRONG_AUDIENCE%")).isPositive();
	}

	@Test
	void anExpiredIdTokenIsRefused() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignInExpired("alice-late", person(alice.businessEmail()));

		Page refused = signInThrough(new Browser(this.port), contoso);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("was not valid for this sign-in");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "INVALID_TOKEN%")).isPositive();
	}

	@Test
	void aDisabledProviderHasNoButtonAndStartsNothing() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		this.providers.setEnabled(contoso.id(), false);
		Browser browser = new Browser(this.port);

		assertThat(browser.get("/login").document().select("a[href=/login/sso/" + contoso.id() + "]")).isEmpty();
		Page refused = browser.get("/login/sso/" + contoso.id());
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.text()).contains("is not available");
	}

	@Test
	void aProviderRequiringItsOwnSecondFactorRefusesAnIdTokenThatShowsNone() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING, SecondFactorAfterSso.PROVIDER_MFA, "silver");
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-mfa", person(alice.businessEmail()));

		Page refused = signInThrough(new Browser(this.port), contoso);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("did not ask you for a second factor");
		assertThat(audited("SSO_SIGN_IN", "FAILURE", "SECOND_FACTOR_MISSING%")).isPositive();

		upstream.nextSignIn("alice-mfa", Map.of("email", alice.businessEmail(), "email_verified", true, "amr",
				List.of("pwd", "mfa")));
		assertThat(signInThrough(new Browser(this.port), contoso).location()).isEqualTo("/");
		upstream.nextSignIn("alice-mfa", Map.of("email", alice.businessEmail(), "email_verified", true, "acr",
				"silver"));
		assertThat(signInThrough(new Browser(this.port), contoso).location()).isEqualTo("/");
	}

	@Test
	void aProviderRequiringLatchkeysSecondFactorSendsThePersonToTheCodePageAndTheSessionStaysAnSsoOne() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING, SecondFactorAfterSso.LATCHKEY_SECOND_FACTOR);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		upstream.nextSignIn("alice-2fa", alice.businessEmail(), true);
		Browser browser = new Browser(this.port);

		Page codePage = signInThrough(browser, contoso);

		assertThat(codePage.location()).isEqualTo("/login/verify");
		assertThat(browser.get("/account").status()).isNotEqualTo(200);
		Page done = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		assertThat(done.location()).isEqualTo("/");
		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT method, sso_provider_id FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query((rs, row) -> rs.getString(1) + " " + rs.getLong(2))
			.single()).isEqualTo("SSO " + contoso.id());
	}

	@Test
	void signingOutOffersToSignOutAtTheProviderToo() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-out", alice.businessEmail(), true);
		Browser browser = new Browser(this.port);
		signInThrough(browser, contoso);

		Page out = browser.post("/logout", Map.of("_csrf", browser.get("/").csrf()));

		assertThat(out.location()).isEqualTo("/login?logout&sso=" + contoso.id());
		Page login = out.follow();
		assertThat(login.document().select("a[href^=" + upstream.endSessionEndpoint() + "]").text())
			.isEqualTo("Sign out at Contoso too");
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
	}

}
