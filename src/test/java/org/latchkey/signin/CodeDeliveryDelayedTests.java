package org.latchkey.signin;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With the SMTP server down, the code page says the code is late and will arrive; nothing fails. */
@LatchkeyTest
// nothing listens on port 1 (binding it takes root, the tests never do): every delivery attempt fails
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH, "spring.mail.port=1" })
class CodeDeliveryDelayedTests extends ApplicationScenarios {

	@Autowired
	EmailFactors emailFactors;

	@BeforeEach
	void requireTwoFactor() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
	}

	@Test
	void codePageSaysTheCodeIsLateWhileTheMailServerIsDown() throws InterruptedException {
		Account alice = People.alice(this.accounts);
		this.emailFactors.set(alice.id(), alice.businessEmail());
		Browser browser = new Browser(this.port);

		Page step1 = browser.signIn(alice.login(), People.PASSWORD);
		awaitFailedAttempt(alice);
		Page verify = browser.get("/login/verify");

		assertThat(step1.location()).isEqualTo("/login/verify");
		assertThat(verify.status()).isEqualTo(200);
		assertThat(verify.text()).contains("could not be sent yet").contains("it will arrive");
		assertThat(this.jdbc.sql("SELECT status FROM outbox_message WHERE recipient = :to")
			.param("to", alice.businessEmail())
			.query(String.class)
			.single()).isEqualTo("PENDING");
	}

	private void awaitFailedAttempt(Account alice) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (Instant.now().isBefore(deadline) && this.jdbc
			.sql("SELECT COUNT(*) FROM outbox_message WHERE recipient = :to AND attempts > 0")
			.param("to", alice.businessEmail())
			.query(Long.class)
			.single() == 0) {
			Thread.sleep(50);
		}
	}

}
