package org.latchkey.selfservice.internal;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;

import org.latchkey.selfservice.BrowserSession;
import org.latchkey.selfservice.MethodChange;

import org.springframework.stereotype.Component;

/**
 * What a fresh code proved for this browser: leave to carry out one sensitive change that takes a page of its
 * own (replacing the authenticator app, changing the phone number), for ten minutes, once.
 */
@Component
public class StepUpPermits {

	public static final Duration LIFETIME = Duration.ofMinutes(10);

	private static final String ATTRIBUTE = "latchkey.stepUpPermit";

	private final Clock clock;

	StepUpPermits(Clock clock) {
		this.clock = clock;
	}

	public void grant(BrowserSession browser, long accountId, MethodChange.Action action) {
		browser.put(ATTRIBUTE, new Permit(accountId, action, this.clock.instant().plus(LIFETIME).toEpochMilli()));
	}

	public boolean holds(BrowserSession browser, long accountId, MethodChange.Action action) {
		return browser.get(ATTRIBUTE, Permit.class)
			.filter(permit -> permit.accountId() == accountId && permit.action() == action
					&& permit.expiresAtMillis() > this.clock.millis())
			.isPresent();
	}

	public void spend(BrowserSession browser) {
		browser.remove(ATTRIBUTE);
	}

	private record Permit(long accountId, MethodChange.Action action, long expiresAtMillis) implements Serializable {
	}

}
