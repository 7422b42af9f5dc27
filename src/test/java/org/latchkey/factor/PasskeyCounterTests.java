package org.latchkey.factor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.ConcurrentPosts;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.SoftwarePasskey;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database holds a passkey to, on H2 and PostgreSQL: its signature counter only grows (a cloned
 * authenticator that answers with an older count is refused and audited), except for a synced passkey, which
 * says 0 each time and is accepted; and one answer to a challenge signs in once, however many copies of it
 * arrive at the same moment.
 */
@LatchkeyTest
@StorageInvariants
class PasskeyCounterTests extends MailScenarios {

	private static final String FORM = "form[action$=/login/verify/passkey]";

	Account alice;

	@BeforeEach
	void passkeysAreAllowedAndTwoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.PASSKEY), false);
		this.alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
	}

	@AfterEach
	void seedMethodsAgain() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

	@Test
	void counterThatGoesBackwardsIsRefusedAndAuditedAsAClone() {
		SoftwarePasskey passkey = register(SoftwarePasskey.deviceBound(origin()));

		String first = secondStep(passkey.counter(5)).location();
		String older = secondStep(passkey.counter(3)).location();
		String same = secondStep(passkey.counter(6)).location();
		String again = secondStep(passkey.counter(6)).location();

		assertThat(first).isEqualTo("/");
		assertThat(older).isEqualTo("/login/verify?method=passkey");
		assertThat(same).isEqualTo("/");
		assertThat(again).isEqualTo("/login/verify?method=passkey");
		assertThat(this.jdbc.sql("SELECT signature_count FROM passkey WHERE account_id = :id")
			.param("id", this.alice.id())
			.query(Long.class)
			.single()).isEqualTo(6);
		assertThat(this.jdbc.sql("""
				SELECT detail FROM audit_event WHERE event = 'PASSKEY_CLONED' AND outcome = 'FAILURE'
				AND subject_account_id = :id ORDER BY id
				""").param("id", this.alice.id()).query(String.class).list())
			.containsExactly("passkey \"Key\": signature counter did not grow",
					"passkey \"Key\": signature counter did not grow");
	}

	@Test
	void syncedPasskeyThatKeepsNoCounterIsAcceptedEachTime() {
		SoftwarePasskey passkey = register(SoftwarePasskey.synced(origin()));

		assertThat(secondStep(passkey).location()).isEqualTo("/");
		assertThat(secondStep(passkey).location()).isEqualTo("/");
		assertThat(this.jdbc.sql("SELECT signature_count FROM passkey WHERE account_id = :id")
			.param("id", this.alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void oneAnswerSignsInOnceUnderTwentyConcurrentSubmissions() throws Exception {
		SoftwarePasskey passkey = register(SoftwarePasskey.synced(origin()));
		Browser browser = new Browser(this.port);
		browser.signIn(this.alice.login(), People.PASSWORD);
		Page step2 = browser.get("/login/verify");
		String answer = passkey.sign(step2.document().select(FORM).attr("data-options"));
		Map<String, String> fields = Map.of("_csrf", step2.csrf(), "credential", answer);
		List<ConcurrentPosts.Post> posts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			posts.add(new ConcurrentPosts.Post(this.port, "/login/verify/passkey", browser.sessionCookie().orElseThrow(),
					fields));
		}

		List<ConcurrentPosts.Answer> answers = ConcurrentPosts.send(posts);

		System.out.println("Passkey race: " + answers.stream().filter(a -> a.redirectsTo("/")).count()
				+ " of 20 concurrent submissions signed in");
		assertThat(answers).filteredOn(a -> a.redirectsTo("/")).hasSize(1);
	}

	private String origin() {
		return "http://localhost:" + this.port;
	}

	private SoftwarePasskey register(SoftwarePasskey passkey) {
		Browser browser = SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox);
		Page page = browser.get("/account/passkeys");
		String options = page.document().select("form[data-passkey=register]").attr("data-options");
		Page added = page.form("form[data-passkey=register]")
			.set("name", "Key")
			.set("credential", passkey.register(options))
			.submit();
		assertThat(added.location()).isEqualTo("/account/passkeys");
		return passkey;
	}

	private Page secondStep(SoftwarePasskey passkey) {
		Browser browser = new Browser(this.port);
		browser.signIn(this.alice.login(), People.PASSWORD);
		Page step2 = browser.get("/login/verify");
		return step2.form(FORM).set("credential", passkey.sign(step2.document().select(FORM).attr("data-options")))
			.submit();
	}

}
