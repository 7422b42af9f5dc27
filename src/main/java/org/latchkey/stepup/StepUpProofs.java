package org.latchkey.stepup;

import java.util.Locale;

import org.latchkey.account.AccountManagement;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditEvent;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.TotpCheck;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.signin.TypedCodes;

import org.springframework.stereotype.Component;

/**
 * The one rule for every proof a signed-in person gives (a fresh code, an app's code, the current password):
 * it is refused unread while the sign-in's lock stands for their browser, and a wrong one counts with the
 * sign-in's failures ({@link SignInThrottle}), so that holding a session gives no more guesses than the sign-in
 * page does. Each refusal is audited under the action's event.
 */
@Component
public class StepUpProofs {

	/** The message a proof refused during a lock shows, on the field that asked for it. */
	static final String LOCKED = "my-account.locked";

	private final SignInThrottle throttle;

	private final AccountManagement accounts;

	private final AuthenticatorApps apps;

	private final AuditLog audit;

	StepUpProofs(SignInThrottle throttle, AccountManagement accounts, AuthenticatorApps apps, AuditLog audit) {
		this.throttle = throttle;
		this.accounts = accounts;
		this.apps = apps;
		this.audit = audit;
	}

	/**
	 * Refuses any proof while a lock stands on the account for the attempt's browser.
	 * @throws InvalidAccountException on {@code field} while locked
	 */
	public void refuseWhileLocked(SignInPrincipal principal, SignInAttempt attempt, String field) {
		if (this.throttle.lockOf(principal.accountId(), attempt).isPresent()) {
			throw new InvalidAccountException(field, LOCKED);
		}
	}

	/** Counts a refused proof (already audited by the caller) with the sign-in's failures. */
	public void failed(SignInPrincipal principal, SignInAttempt attempt) {
		this.throttle.proofFailed(principal.accountId(), principal.getUsername(), attempt);
	}

	/**
	 * Checks the current password; a wrong one is audited as a failure of {@code event} and counted.
	 * @throws InvalidAccountException on {@code field} while locked
	 */
	public boolean password(SignInPrincipal principal, SignInAttempt attempt, String password, String field,
			AuditEvent event) {
		refuseWhileLocked(principal, attempt, field);
		if (password != null && !password.isEmpty() && this.accounts.passwordMatches(principal.accountId(), password)) {
			return true;
		}
		this.audit.record(event, AuditOutcome.FAILURE, principal.accountId(), principal.getUsername(),
				"wrong current password");
		failed(principal, attempt);
		return false;
	}

	/**
	 * Checks a code from the user's authenticator app (spent when accepted); a refused one is audited as a
	 * failure of {@code event} and counted.
	 * @throws InvalidAccountException on {@code code} while locked
	 */
	public TotpCheck app(SignInPrincipal principal, SignInAttempt attempt, String code, AuditEvent event) {
		String digits = TypedCodes.digits(code);
		refuseWhileLocked(principal, attempt, "code");
		TotpCheck check = this.apps.verify(principal.accountId(), digits);
		if (check != TotpCheck.ACCEPTED) {
			this.audit.record(event, AuditOutcome.FAILURE, principal.accountId(), principal.getUsername(),
					"authenticator code " + check.name().toLowerCase(Locale.ROOT));
			failed(principal, attempt);
		}
		return check;
	}

}
