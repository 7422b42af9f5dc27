package org.latchkey.factor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.factor.internal.OneTimePasswords;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Authenticator apps: enrolment, the ±1 step window, single use on the database, secrets encrypted. */
@LatchkeyTest
@StorageInvariants
class AuthenticatorAppsTests extends ApplicationScenarios {

	@Autowired
	AuthenticatorApps apps;

	@Test
	void enrolmentOffersAUriEveryAppReadsAndAGroupedSecret() {
		Account alice = People.alice(this.accounts);

		TotpEnrolment enrolment = this.apps.start(alice.id(), alice.login());

		assertThat(new Base32().decode(enrolment.secret())).hasSize(20);
		assertThat(enrolment.secret()).doesNotContain("=");
		assertThat(enrolment.groupedSecret().replace(" ", "")).isEqualTo(enrolment.secret());
		assertThat(enrolment.uri()).isEqualTo("otpauth://totp/Latchkey:" + alice.login() + "?secret="
				+ enrolment.secret() + "&issuer=Latchkey&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void appIsInUseOnlyOnceACodeFromItConfirmsIt() {
		Account alice = People.alice(this.accounts);
		TotpEnrolment enrolment = this.apps.start(alice.id(), alice.login());

		assertThat(this.apps.isEnrolled(alice.id())).isFalse();
		assertThat(this.apps.confirm(alice.id(), "000000".equals(code(enrolment, 0)) ? "111111" : "000000"))
			.isFalse();
		assertThat(this.apps.confirm(alice.id(), code(enrolment, 0))).isTrue();
		assertThat(this.apps.isEnrolled(alice.id())).isTrue();
	}

	@Test
	void pendingSecretExpiresAfterTenMinutes() {
		Account alice = People.alice(this.accounts);
		TotpEnrolment enrolment = this.apps.start(alice.id(), alice.login());

		this.clock.advance(Duration.ofMinutes(11));

		assertThat(this.apps.confirm(alice.id(), code(enrolment, 0))).isFalse();
	}

	@Test
	void codeOfTheStepBeforeOrAfterIsAcceptedButNotTwoStepsAway() {
		Enrolled enrolled = enrolled();
		TotpEnrolment enrolment = enrolled.enrolment();
		long id = enrolled.accountId();
		this.clock.advance(Duration.ofSeconds(90));

		assertThat(this.apps.verify(id, code(enrolment, -60))).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, code(enrolment, 60))).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, code(enrolment, -30))).isEqualTo(TotpCheck.ACCEPTED);
		assertThat(this.apps.verify(id, code(enrolment, 30))).isEqualTo(TotpCheck.ACCEPTED);
	}

	@Test
	void acceptedCodeIsNeverAcceptedAgainNorAnOlderOne() {
		Enrolled enrolled = enrolled();
		TotpEnrolment enrolment = enrolled.enrolment();
		long id = enrolled.accountId();
		this.clock.advance(Duration.ofSeconds(60));

		assertThat(this.apps.verify(id, code(enrolment, 0))).isEqualTo(TotpCheck.ACCEPTED);
		assertThat(this.apps.verify(id, code(enrolment, 0))).isEqualTo(TotpCheck.REPLAYED);
		assertThat(this.apps.verify(id, code(enrolment, -30))).isEqualTo(TotpCheck.REPLAYED);
	}

	@Test
	void twentyConcurrentSubmissionsOfOneCodeAcceptExactlyOne() throws Exception {
		Enrolled enrolled = enrolled();
		TotpEnrolment enrolment = enrolled.enrolment();
		long id = enrolled.accountId();
		this.clock.advance(Duration.ofSeconds(60));
		String code = code(enrolment, 0);

		List<Callable<TotpCheck>> submissions = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			submissions.add(() -> this.apps.verify(id, code));
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<TotpCheck> answers = new ArrayList<>();
		for (Future<TotpCheck> answer : pool.invokeAll(submissions)) {
			answers.add(answer.get());
		}
		pool.shutdown();

		assertThat(answers).filteredOn(TotpCheck.ACCEPTED::equals).hasSize(1);
		assertThat(answers).filteredOn(TotpCheck.REPLAYED::equals).hasSize(19);
	}

	@Test
	void replacingTheAppKeepsTheOldOneUntilTheNewOneIsConfirmed() {
		Enrolled enrolled = enrolled();
		TotpEnrolment old = enrolled.enrolment();
		long id = enrolled.accountId();
		this.clock.advance(Duration.ofSeconds(60));
		TotpEnrolment replacement = this.apps.start(id, "alice");

		assertThat(this.apps.verify(id, code(old, 0))).isEqualTo(TotpCheck.ACCEPTED);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.apps.confirm(id, code(replacement, 0))).isTrue();
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.apps.verify(id, code(old, 0))).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, code(replacement, 0))).isEqualTo(TotpCheck.ACCEPTED);
	}

	@Test
	void secretIsStoredOnlyEncrypted() {
		Enrolled enrolled = enrolled();
		TotpEnrolment enrolment = enrolled.enrolment();

		String row = this.jdbc.sql("SELECT sealed_secret FROM authenticator_app WHERE account_id = :id")
			.param("id", enrolled.accountId())
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(enrolment.secret()).doesNotContain(enrolment.secret().substring(0, 8));
	}

	@Test
	void codesThatAreNotSixDigitsAreWrong() {
		Enrolled enrolled = enrolled();
		TotpEnrolment enrolment = enrolled.enrolment();
		long id = enrolled.accountId();

		assertThat(this.apps.verify(id, null)).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, "12345")).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, "12345a")).isEqualTo(TotpCheck.WRONG);
		assertThat(this.apps.verify(id, "\u0661\u0662\u0663\u0664\u0665\u0666")).isEqualTo(TotpCheck.WRONG);
	}

	/** An account whose app was enrolled and confirmed at the test clock's time. */
	private Enrolled enrolled() {
		Account alice = People.alice(this.accounts);
		TotpEnrolment enrolment = this.apps.start(alice.id(), alice.login());
		assertThat(this.apps.confirm(alice.id(), code(enrolment, 0))).isTrue();
		return new Enrolled(alice.id(), enrolment);
	}

	private record Enrolled(long accountId, TotpEnrolment enrolment) {
	}

	/** The app's code at the test clock's time plus {@code offsetSeconds}. */
	private String code(TotpEnrolment enrolment, long offsetSeconds) {
		long seconds = this.clock.instant().getEpochSecond() + offsetSeconds;
		return OneTimePasswords.hotp(new Base32().decode(enrolment.secret()),
				OneTimePasswords.timeStep(seconds, 30), 6, "HmacSHA1");
	}

}
