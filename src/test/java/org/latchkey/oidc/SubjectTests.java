package org.latchkey.oidc;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountDetails;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.TokenClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subject ({@code sub}) applications know a person by is random and opaque, so it tells nothing of how many
 * accounts exist or in what order they were made, and stable: the same at every sign-in, in ID tokens, at
 * userinfo and at introspection, whatever the account is renamed to.
 */
@LatchkeyTest
class SubjectTests extends ApplicationScenarios {

	@Autowired
	OidcClients clients;

	TokenClient client;

	@BeforeEach
	void anApplication() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email", "offline_access")));
		this.client = new TokenClient(this.port, app.client().clientId(), app.secret());
	}

	@Test
	void twoAccountsGetDifferentSubjectsThatAreNotNumbers() {
		String alice = subjectAtSignIn(People.alice(this.accounts).login());
		String bob = subjectAtSignIn(People.alice(this.accounts).login());

		assertThat(alice).isNotEqualTo(bob);
		assertThat(alice).doesNotContainPattern("^[0-9]+$").hasSizeGreaterThanOrEqualTo(22);
		assertThat(bob).doesNotContainPattern("^[0-9]+$").hasSizeGreaterThanOrEqualTo(22);
	}

	@Test
	void sameAccountHasTheSameSubjectAtEverySignInAtUserinfoAndAtIntrospection() {
		Account alice = People.alice(this.accounts);
		TokenClient.Response first = tokensAtSignIn(alice.login());
		String subject = first.claimsOf("id_token").get("sub").asString();

		assertThat(subjectAtSignIn(alice.login())).isEqualTo(subject);
		assertThat(this.client.userInfo(first.field("access_token")).json().get("sub").asString()).isEqualTo(subject);
		assertThat(this.client.introspect(first.field("access_token")).json().get("sub").asString())
			.isEqualTo(subject);
		assertThat(this.client.refresh(first.field("refresh_token")).claimsOf("id_token").get("sub").asString())
			.isEqualTo(subject);
	}

	@Test
	void renamingAnAccountKeepsItsSubject() {
		Account alice = People.alice(this.accounts);
		String before = subjectAtSignIn(alice.login());
		String login = People.unique("alicia");
		this.accounts.update(alice.id(), new AccountDetails("Alicia Martin", alice.businessEmail(), alice.role()));
		this.jdbc.sql("UPDATE account SET login = :login, login_key = :login WHERE id = :id")
			.param("login", login)
			.param("id", alice.id())
			.update();

		assertThat(subjectAtSignIn(login)).isEqualTo(before);
	}

	private String subjectAtSignIn(String login) {
		return tokensAtSignIn(login).claimsOf("id_token").get("sub").asString();
	}

	private TokenClient.Response tokensAtSignIn(String login) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(login, People.PASSWORD).location()).isEqualTo("/");
		TokenClient.Response tokens = this.client.exchange(TokenClient.codeOf(this.client.authorize(browser,
				Map.of())), null);
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

}
