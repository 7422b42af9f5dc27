package org.latchkey.testing;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.latchkey.account.Account;
import org.latchkey.factor.RecoveryCodes;
import org.latchkey.policy.SignInOptions;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A base for scenarios of recovery codes, remembered devices and the enrolment deadline: the options they
 * switch on go back to their defaults (all off) after each test, so that classes sharing the application
 * context sign in as the seeds describe.
 */
public abstract class RecoveryScenarios extends MailScenarios {

	@Autowired
	protected SignInOptions options;

	@Autowired
	protected RecoveryCodes recoveryCodes;

	@AfterEach
	void optionsAreBackToTheirDefaults() {
		this.options.change(false, 0, 0);
	}

	/** A user with a 2FA email and a saved set of recovery codes, added to {@code codes}. */
	protected Account aliceWithCodes(List<String> codes) {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		codes.addAll(this.recoveryCodes.replace(alice.id()));
		this.recoveryCodes.markSaved(alice.id());
		codes.forEach(Secrets::seen);
		codes.forEach(code -> Secrets.seen(code.replace("-", "")));
		return alice;
	}

}
