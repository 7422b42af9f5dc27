package org.latchkey.signin;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.AttackScenarios;
import org.latchkey.testing.Attackers;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client throttling attacked through HTTP: past 30 failed sign-in steps (either step, first-login and reset
 * requests included) within a minute, a client address gets a 429 page with {@code Retry-After}, before any
 * password is hashed. {@code X-Forwarded-For} moves the address only when a trusted proxy sent it, and only
 * by the hop that proxy added.
 */
@LatchkeyTest
@StorageInvariants
class ClientThrottleTests extends AttackScenarios {

	@Test
	void thirtyFailedStepsInAMinuteThenA429PageWithRetryAfterUntilTheMinuteIsOver() {
		String address = Attackers.nextAddress();
		Browser attacker = new Browser(this.port).header("X-Forwarded-For", address).header("User-Agent", "guesser/1.0");
		for (int i = 0; i < 30; i++) {
			assertThat(attacker.signIn(People.unique("nobody"), "guess " + i).location()).isEqualTo("/login?error");
		}
		int hashed = passwordChecks();
		this.clock.advance(Duration.ofSeconds(20));

		Page refused = attacker.signIn(People.unique("nobody"), "guess 31");
		Page again = attacker.signIn(People.unique("nobody"), "guess 32");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).hasValue("40");
		assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(refused.text()).contains("Too many attempts").doesNotContain("Exception");
		assertThat(again.status()).isEqualTo(429);
		assertThat(passwordChecks()).as("a refusal hashes nothing").isEqualTo(hashed);
		assertThat(Attackers.fromNewAddress(this.port).signIn(People.unique("nobody"), "guess").location())
			.as("another address")
			.isEqualTo("/login?error");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'CLIENT_THROTTLED' AND client_ip = :ip
					AND user_agent = 'guesser/1.0'
				""").param("ip", address).query(Long.class).single()).as("audited once per window").isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(40));
		assertThat(attacker.signIn(People.unique("nobody"), "guess 33").location()).isEqualTo("/login?error");
	}

	@Test
	void forwardedForFromAnUntrustedAddressIsIgnored() {
		// ::1 is no trusted proxy here: whatever it writes in X-Forwarded-For, it is counted as itself
		this.clock.advance(Duration.ofMinutes(2));
		Browser attacker = new Browser("[::1]", this.port);
		for (int i = 0; i < 30; i++) {
			attacker.header("X-Forwarded-For", Attackers.nextAddress());
			assertThat(attacker.signIn(People.unique("nobody"), "guess").location()).isEqualTo("/login?error");
		}
		attacker.header("X-Forwarded-For", Attackers.nextAddress());

		assertThat(attacker.signIn(People.unique("nobody"), "guess").status()).isEqualTo(429);
	}

	@Test
	void hopsWrittenByTheClientBeforeTheTrustedProxyAreIgnored() {
		String address = Attackers.nextAddress();
		Browser attacker = new Browser(this.port);
		for (int i = 0; i < 30; i++) {
			attacker.header("X-Forwarded-For", Attackers.nextAddress() + ", " + address);
			attacker.signIn(People.unique("nobody"), "guess");
		}
		attacker.header("X-Forwarded-For", Attackers.nextAddress() + ", " + address);

		assertThat(attacker.signIn(People.unique("nobody"), "guess").status()).isEqualTo(429);
	}

	@Test
	void firstLoginAndResetRequestsCountAsAttempts() {
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 15; i++) {
			assertThat(attacker.get("/first-login").form("form[action$=/first-login]").set("identifier",
					People.unique("nobody")).submit().status()).isLessThan(400);
			assertThat(attacker.get("/password-reset").form("form[action$=/password-reset]").set("login",
					People.unique("nobody")).submit().status()).isLessThan(400);
		}

		Page refused = attacker.get("/first-login").form("form[action$=/first-login]")
			.set("identifier", People.unique("nobody"))
			.submit();

		assertThat(refused.status()).isEqualTo(429);
		assertThat(attacker.signIn(People.unique("nobody"), "guess").status()).isEqualTo(429);
	}

	@Test
	void secondStepFailuresCountForTheAddressToo() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 26; i++) {
			attacker.signIn(People.unique("nobody"), "guess");
		}
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		assertThat(attacker.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			assertThat(SignIns.submitCode(attacker, wrong).status()).isEqualTo(400);
		}
		String csrf = attacker.get("/login/verify").csrf();

		Page refused = attacker.post("/login/verify", Map.of("_csrf", csrf, "code", code));

		assertThat(refused.status()).isEqualTo(429);
		assertThat(attacker.get("/").location()).as("not signed in").isEqualTo("/login/verify");
	}

}
