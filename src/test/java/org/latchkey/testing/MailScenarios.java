package org.latchkey.testing;

import java.util.EnumSet;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.TwoFactorOptIns;
import org.latchkey.policy.SecondFactorKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A base for scenarios that read the email the application sends: it has the application send its email over
 * SMTP to the run's {@link Mailbox}, and dispatch it at once. It holds what such scenarios use beside what every
 * scenario does: 2FA emails, 2FA turned on, and the mailbox.
 */
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH })
public abstract class MailScenarios extends ApplicationScenarios {

	@Autowired
	protected EmailFactors emailFactors;

	@Autowired
	protected TwoFactorOptIns optIns;

	protected final Mailbox mailbox = Mailbox.shared();

	/**
	 * Test classes with the same settings share one application context, so one that narrows the allowed methods
	 * would narrow them for the next: every test starts from the methods a new installation allows.
	 */
	@BeforeEach
	void defaultAllowedMethods() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

}
