package org.latchkey.signin;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.Actor;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.lockout.SignInAttempt;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInWith;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.internal.ClientLockedException;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * What happens after a sign-in step and at sign-out, whichever entry point saw it: the session is recorded or
 * forgotten, the lockout's count starts again, the step is audited, and after a right password an email code
 * goes out when it is the method asked first. A wrong password and an unknown login are audited alike; the
 * audit may say what the page must not (that a lock refused the attempt).
 */
@Component
public class SignInOutcomes {

	private static final int LOGIN_AUDIT_MAX = 100;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	private final SecondStep secondStep;

	private final SignInThrottle throttle;

	private final SignInMeters meters;

	SignInOutcomes(SignedInSessions sessions, AuditLog audit, SecondStep secondStep, SignInThrottle throttle,
			SignInMeters meters) {
		this.meters = meters;
		this.sessions = sessions;
		this.audit = audit;
		this.secondStep = secondStep;
		this.throttle = throttle;
	}

	/**
	 * What a completed sign-in leaves for the entry point to keep.
	 *
	 * @param startedAt when the session was recorded as signed in; {@code null} after a step-up, which keeps
	 * the session's sign-in time
	 * @param deviceToken the device token to give the browser, when it holds no valid one for the account
	 */
	public record SignedIn(@Nullable Instant startedAt, @Nullable String deviceToken) {
	}

	/**
	 * Step 1 found the password right. When a second factor is owed and an email code is the method asked first,
	 * the code goes out at once (an SMS costs money and counts against caps, so it is sent when the person asks
	 * for it).
	 * @param binding the secret the browser's codes are bound to
	 */
	public void passwordAccepted(SignInPrincipal principal, String binding, Locale locale) {
		this.meters.started();
		if (principal.isPasswordChangeRequired()) {
			this.audit.success(SignInEvent.TEMPORARY_PASSWORD_USED, principal.accountId(), principal.getUsername());
		}
		if (principal.isSecondFactorPending()) {
			this.audit.success(SignInEvent.PASSWORD_ACCEPTED, principal.accountId(), principal.getUsername());
			if (this.secondStep.methods(principal).defaultMethod() == SecondFactorKind.EMAIL_CODE) {
				this.secondStep.sendCode(principal, binding, locale);
			}
		}
	}

	/** Step 1 refused {@code login} (as typed, possibly no account's). */
	public void passwordRefused(@Nullable String login, AuthenticationException exception) {
		this.meters.started();
		this.meters.passwordFailed();
		boolean disabled = exception instanceof DisabledException;
		this.audit.record(SignInEvent.SIGN_IN, AuditOutcome.FAILURE, null, clip(login), disabled ? "account disabled"
				: (exception instanceof ClientLockedException) ? "refused: account locked" : "wrong login or password");
	}

	/**
	 * A session was signed in, under the id {@code sessionId} it was just given: recorded with its method
	 * unless {@code alreadyRecorded} (a step-up), the attempt's browser starts its count of failures again, and
	 * the sign-in is audited.
	 */
	public SignedIn signedIn(SignInPrincipal principal, SignedInWith method, String sessionId,
			boolean alreadyRecorded, Actor actor, SignInAttempt attempt) {
		return signedIn(principal, method, null, sessionId, alreadyRecorded, actor, attempt);
	}

	/**
	 * A session was signed in, as {@link #signedIn(SignInPrincipal, SignedInWith, String, boolean, Actor,
	 * SignInAttempt)} says, through the upstream identity provider {@code ssoProviderId} when it is not
	 * {@code null}: the session's record names it.
	 */
	public SignedIn signedIn(SignInPrincipal principal, SignedInWith method, @Nullable Long ssoProviderId,
			String sessionId, boolean alreadyRecorded, Actor actor, SignInAttempt attempt) {
		Instant startedAt = alreadyRecorded ? null
				: this.sessions.started(sessionId, principal.accountId(), method, ssoProviderId, actor);
		Optional<String> device = this.throttle.succeeded(principal.accountId(), attempt);
		this.audit.success(SignInEvent.SIGN_IN, principal.accountId(), principal.getUsername());
		if (!alreadyRecorded) {
			this.meters.completed(method);
		}
		return new SignedIn(startedAt, device.orElse(null));
	}

	/** A person signed out of the session {@code sessionId}, if they had one. */
	public void signedOut(@Nullable String sessionId, @Nullable Authentication authentication) {
		if (sessionId != null) {
			this.sessions.ended(sessionId, EndReason.SIGNED_OUT);
		}
		if (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal) {
			this.audit.success(SignInEvent.SIGN_OUT, principal.accountId(), principal.getUsername());
		}
	}

	private static @Nullable String clip(@Nullable String login) {
		return (login == null || login.length() <= LOGIN_AUDIT_MAX) ? login : login.substring(0, LOGIN_AUDIT_MAX);
	}

}
