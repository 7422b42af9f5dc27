package org.latchkey.signin;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * What a fresh code proved for this browser: leave to carry out one sensitive change that takes a page of its
 * own (replacing the authenticator app, changing the phone number), for ten minutes, once.
 */
@Component
class StepUpPermits {

	static final Duration LIFETIME = Duration.ofMinutes(10);

	private static final String ATTRIBUTE = "latchkey.stepUpPermit";

	private final Clock clock;

	StepUpPermits(Clock clock) {
		this.clock = clock;
	}

	void grant(HttpSession session, long accountId, MethodChange.Action action) {
		session.setAttribute(ATTRIBUTE, new Permit(accountId, action, this.clock.instant().plus(LIFETIME).toEpochMilli()));
	}

	boolean holds(HttpSession session, long accountId, MethodChange.Action action) {
		return session.getAttribute(ATTRIBUTE) instanceof Permit permit && permit.accountId() == accountId
				&& permit.action() == action && permit.expiresAtMillis() > this.clock.millis();
	}

	void spend(HttpSession session) {
		session.removeAttribute(ATTRIBUTE);
	}

	private record Permit(long accountId, MethodChange.Action action, long expiresAtMillis) implements Serializable {
	}

}
