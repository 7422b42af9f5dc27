package org.latchkey.signin;

import java.net.http.HttpHeaders;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.AttackScenarios;
import org.latchkey.testing.Attackers;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account throttling attacked through HTTP: five failed steps in a row (wrong passwords, wrong or replayed
 * codes) lock the account, for a minute doubling up to an hour, and a hundred lock it until an administrator
 * unlocks it. The lock answers exactly like a wrong password, hash included; only the real user is told, by
 * email. A browser with a device cookie of the user is counted on its own, so the attacker who locks everyone
 * else out does not lock out the user's own browser.
 */
@LatchkeyTest
@StorageInvariants
class AccountLockoutTests extends AttackScenarios {

	private static final String WRONG = "not the password of anyone here";

	@Test
	void fifthWrongPasswordLocksTheAccountForAMinuteForEveryBrowserWithoutItsCookie() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 4; i++) {
			assertThat(attacker.signIn(alice.login(), WRONG).location()).isEqualTo("/login?error");
		}
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.as("four failures lock nothing")
			.isEqualTo("/");
		for (int i = 0; i < 4; i++) {
			attacker.signIn(alice.login(), WRONG);
		}

		attacker.signIn(alice.login(), WRONG);

		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/");
	}

	@Test
	void lockAnswersExactlyLikeAWrongPasswordAndCostsTheSameHash() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), WRONG);
		}

		int before = passwordChecks();
		Page wrong = attacker.signIn(alice.login(), WRONG + "!");
		int afterWrong = passwordChecks();
		Page right = attacker.signIn(alice.login(), People.PASSWORD);
		int afterRight = passwordChecks();

		assertThat(right.status()).isEqualTo(wrong.status()).isEqualTo(302);
		assertThat(right.location()).isEqualTo(wrong.location()).isEqualTo("/login?error");
		assertThat(headersBesidesDate(right.response().headers()))
			.isEqualTo(headersBesidesDate(wrong.response().headers()));
		Page wrongPage = wrong.follow();
		Page rightPage = right.follow();
		assertThat(rightPage.body().replace(rightPage.csrf(), "TOKEN"))
			.isEqualTo(wrongPage.body().replace(wrongPage.csrf(), "TOKEN"));
		assertThat(afterWrong - before).as("hashes for a wrong password while locked").isEqualTo(1);
		assertThat(afterRight - afterWrong).as("hashes for the right password while locked").isEqualTo(1);
	}

	@Test
	void realUserWithTheRightPasswordIsToldByEmailUntilWhenOncePerLock() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), WRONG);
		}
		Instant until = lockedUntil(alice);
		Browser realUser = Attackers.fromNewAddress(this.port);

		assertThat(realUser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login?error");
		String notice = Mailbox.text(this.mailbox.next(alice.businessEmail()));
		assertThat(realUser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login?error");
		attacker.signIn(alice.login(), WRONG);

		assertThat(notice).contains("locked until " + until.toString().substring(0, 10))
			.contains("from a browser where you signed in before");
		assertThat(this.mailbox.count(alice.businessEmail())).as("one notice per lock").isEqualTo(1);
	}

	@Test
	void eachFurtherLockLastsTwiceAsLongUpToAnHour() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		long[] minutes = { 1, 2, 4, 8, 16, 32, 60, 60 };
		for (long expected : minutes) {
			for (int i = 0; i < 5; i++) {
				assertThat(attacker.signIn(alice.login(), WRONG).location()).isEqualTo("/login?error");
			}
			Instant locked = this.clock.instant();
			assertThat(lockedUntil(alice)).isEqualTo(locked.plus(Duration.ofMinutes(expected)));
			// attempts during the lock are refused unread and do not count
			attacker.signIn(alice.login(), WRONG);
			this.clock.advance(Duration.ofMinutes(expected).minusSeconds(1));
			assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
				.isEqualTo("/login?error");
			this.clock.advance(Duration.ofSeconds(2));
		}
		assertThat(failures(alice)).isEqualTo(40);
	}

	@Test
	void aHundredFailuresInARowLockTheAccountUntilAnAdministratorUnlocksIt() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int lock = 1; lock <= 20; lock++) {
			for (int i = 0; i < 5; i++) {
				attacker.signIn(alice.login(), WRONG);
			}
			this.clock.advance(Duration.ofMinutes(61));
		}
		this.clock.advance(Duration.ofDays(2));

		Browser realUser = Attackers.fromNewAddress(this.port);
		assertThat(realUser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login?error");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail())))
			.contains("until an administrator unlocks it: contact an administrator");

		Browser admin = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		Page profile = admin.get("/admin/users/" + alice.id());
		assertThat(profile.document().select("#lock").text())
			.contains("Locked after 100 failed sign-in attempts in a row");
		Page unlocked = profile.form("form[action$=/unlock]").submit();
		assertThat(unlocked.follow().text()).contains("The account is unlocked.");

		assertThat(realUser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event
				WHERE event = 'ACCOUNT_UNLOCKED' AND subject_account_id = :id AND actor IS NOT NULL
				""").param("id", alice.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void successStartsTheCountAgain() {
		Account alice = People.alice(this.accounts);
		Browser browser = Attackers.fromNewAddress(this.port);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 4; i++) {
				browser.signIn(alice.login(), WRONG);
			}
			assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		}
	}

	@Test
	void browserWithTheUsersDeviceCookieSignsInWhileAttackersAreLockedOut() {
		Account alice = People.alice(this.accounts);
		Browser own = Attackers.fromNewAddress(this.port);
		assertThat(own.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(own.cookie("LATCHKEY_DEVICE")).isPresent();
		Browser attacker = Attackers.fromNewAddress(this.port);

		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), WRONG);
		}

		assertThat(attacker.signIn(alice.login(), People.PASSWORD).location())
			.as("the attacker, even with the password")
			.isEqualTo("/login?error");
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.as("the user in a browser without the cookie")
			.isEqualTo("/login?error");
		assertThat(own.signIn(alice.login(), People.PASSWORD).location())
			.as("the user in her own browser")
			.isEqualTo("/");
	}

	@Test
	void deviceCookieIsLockedByItsOwnFailuresAndOthersAreNot() {
		Account alice = People.alice(this.accounts);
		Browser own = Attackers.fromNewAddress(this.port);
		own.signIn(alice.login(), People.PASSWORD);

		for (int i = 0; i < 5; i++) {
			own.signIn(alice.login(), WRONG);
		}

		assertThat(own.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login?error");
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'DEVICE_LOCKED' AND subject_account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void deviceCookieOfAnotherAccountCountsForNothing() {
		Account alice = People.alice(this.accounts);
		Account bob = People.alice(this.accounts);
		Browser bobs = Attackers.fromNewAddress(this.port);
		assertThat(bobs.signIn(bob.login(), People.PASSWORD).location()).isEqualTo("/");
		Browser attacker = Attackers.fromNewAddress(this.port);

		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), WRONG);
		}

		assertThat(bobs.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login?error");
	}

	@Test
	void wrongEmailCodesLockTheAccountAtTheSecondStep() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser attacker = Attackers.fromNewAddress(this.port);
		assertThat(attacker.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			assertThat(SignIns.submitCode(attacker, wrong).status()).isEqualTo(400);
		}

		Page fifth = SignIns.submitCode(attacker, wrong);

		assertThat(fifth.location()).isEqualTo("/login/verify/locked");
		Page locked = fifth.follow();
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.header("Retry-After")).hasValue("60");
		assertThat(locked.text()).contains("signing in to this account from this browser is locked until");
		String csrf = locked.csrf();
		assertThat(attacker.post("/login/verify", Map.of("_csrf", csrf, "code", code)).location())
			.as("the right code is not even read during the lock")
			.isEqualTo("/login/verify/locked");
		assertThat(attacker.get("/").location()).isEqualTo("/login/verify");
		assertThat(Attackers.fromNewAddress(this.port).signIn(alice.login(), People.PASSWORD).location())
			.isEqualTo("/login?error");
		this.clock.advance(Duration.ofSeconds(61));
		// five wrong tries killed that code: once the lock is over, a new one signs in
		attacker.get("/login/verify").form("form[action$=/resend]").submit();
		String newCode = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		assertThat(SignIns.submitCode(attacker, newCode).location()).isEqualTo("/");
	}

	@Test
	void wrongPasswordsAndWrongAppCodesAddUpAndTheRightPasswordAloneResetsNothing() {
		Account alice = People.alice(this.accounts);
		Browser own = Attackers.fromNewAddress(this.port);
		String secret = appConfigured(alice, own);
		Browser attacker = Attackers.fromNewAddress(this.port);
		attacker.signIn(alice.login(), WRONG);
		attacker.signIn(alice.login(), WRONG);
		assertThat(attacker.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String wrong = wrongCode(secret);

		Page first = submitAppCode(attacker, wrong);
		Page second = submitAppCode(attacker, wrong);
		Page third = submitAppCode(attacker, wrong);

		assertThat(first.status()).isEqualTo(400);
		assertThat(second.status()).isEqualTo(400);
		assertThat(third.location()).isEqualTo("/login/verify/locked");
		assertThat(own.signIn(alice.login(), People.PASSWORD).location())
			.as("the user's own browser is counted apart")
			.isEqualTo("/login/verify");
		assertThat(submitAppCode(own, Totp.code(secret, this.clock)).location()).isEqualTo("/");
	}

	@Test
	void rightAppCodeAfterWrongOnesStartsTheCountAgain() {
		Account alice = People.alice(this.accounts);
		String secret = appConfigured(alice, Attackers.fromNewAddress(this.port));
		Browser elsewhere = Attackers.fromNewAddress(this.port);
		assertThat(elsewhere.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		for (int i = 0; i < 3; i++) {
			assertThat(submitAppCode(elsewhere, wrongCode(secret)).status()).isEqualTo(400);
		}
		assertThat(failures(alice)).isEqualTo(3);

		Page signedIn = submitAppCode(elsewhere, Totp.code(secret, this.clock));

		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(failures(alice)).isZero();
	}

	/**
	 * Sets up an authenticator app for {@code account} from {@code own}, 2FA being optional, and moves the clock
	 * half a minute on, so that the app shows a code not used yet.
	 * @return the app's key
	 */
	private String appConfigured(Account account, Browser own) {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		own.signIn(account.login(), People.PASSWORD);
		String secret = Totp.enrol(own, this.clock);
		this.clock.advance(Duration.ofSeconds(30));
		return secret;
	}

	/** A code the app does not show now. */
	private String wrongCode(String secret) {
		return Totp.code(secret, this.clock).equals("000000") ? "111111" : "000000";
	}

	private static Page submitAppCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify/app]").set("code", code).submit();
	}

	private Instant lockedUntil(Account account) {
		return this.jdbc.sql("SELECT locked_until FROM sign_in_failure_counter WHERE account_id = :id AND client = '*'")
			.param("id", account.id())
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private int failures(Account account) {
		return this.jdbc.sql("SELECT failures FROM sign_in_failure_counter WHERE account_id = :id AND client = '*'")
			.param("id", account.id())
			.query(Integer.class)
			.single();
	}

	private static Map<String, Object> headersBesidesDate(HttpHeaders headers) {
		Map<String, Object> kept = new TreeMap<>(headers.map());
		kept.remove("date");
		return kept;
	}

}
