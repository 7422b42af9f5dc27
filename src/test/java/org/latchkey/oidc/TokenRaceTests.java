package org.latchkey.oidc;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.AtOnce;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TokenClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty concurrent token requests with one authorization code, and twenty with one refresh token, through
 * HTTP on H2 and PostgreSQL: exactly one gets tokens, the others {@code invalid_grant} and nothing else. A code
 * exchanged twice at once is a replay like one exchanged twice in turn: the tokens it gave are revoked. A
 * refresh token used twice at once leaves the tokens that replaced it valid, as when it is used again later.
 */
@LatchkeyTest
@StorageInvariants
class TokenRaceTests extends MailScenarios {

	private static final int REQUESTS = 20;

	@Autowired
	OidcClients clients;

	Account alice;

	TokenClient client;

	@BeforeEach
	void aliceSignsInWithTwoFactors() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true,
				TokenClient.REDIRECT_URI, "https://app.example.com/signed-out", Set.of("openid", "offline_access")));
		this.client = new TokenClient(this.port, app.client().clientId(), app.secret());
	}

	String code() {
		return TokenClient.codeOf(this.client.authorize(
				SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox),
				Map.of("scope", "openid offline_access")));
	}

	@Test
	void twentyConcurrentExchangesOfOneCodeGiveTokensOnceAndRevokeThem() throws Exception {
		String code = code();

		List<TokenClient.Response> answers = AtOnce.run(REQUESTS, () -> this.client.exchange(code, null));

		TokenClient.Response winner = exactlyOneSucceeded("code", answers);
		assertThat(this.client.refresh(winner.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
		assertThat(this.client.introspect(winner.field("access_token")).json().get("active").asBoolean())
			.isFalse();
	}

	@Test
	void twentyConcurrentRefreshesWithOneTokenGiveTokensOnce() throws Exception {
		String refreshToken = this.client.exchange(code(), null).field("refresh_token");

		List<TokenClient.Response> answers = AtOnce.run(REQUESTS, () -> this.client.refresh(refreshToken));

		TokenClient.Response winner = exactlyOneSucceeded("refresh token", answers);
		assertThat(this.client.userInfo(winner.field("access_token")).json().get("sub").asString())
			.isEqualTo(winner.claimsOf("id_token").get("sub").asString());
		assertThat(this.client.refresh(winner.field("refresh_token")).status()).isEqualTo(200);
		assertThat(this.client.refresh(refreshToken).field("error")).isEqualTo("invalid_grant");
	}

	private static TokenClient.Response exactlyOneSucceeded(String race, List<TokenClient.Response> answers) {
		List<TokenClient.Response> succeeded = answers.stream().filter(answer -> answer.status() == 200).toList();
		long refused = answers.stream()
			.filter(answer -> answer.status() == 400 && "invalid_grant".equals(answer.field("error")))
			.count();
		System.out.printf("Race on one %s: %d token requests, %d answered with tokens, %d invalid_grant%n", race,
				answers.size(), succeeded.size(), refused);
		assertThat(succeeded).as("requests answered with tokens").hasSize(1);
		assertThat(refused).as("requests refused with invalid_grant").isEqualTo(REQUESTS - 1);
		assertThat(succeeded.get(0).field("access_token")).isNotNull();
		return succeeded.get(0);
	}

}
