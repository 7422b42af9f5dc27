package org.latchkey.signin;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;

import org.latchkey.session.SignedInWith;

import org.springframework.stereotype.Component;

/**
 * The sign-in counters of the management port's Prometheus endpoint ({@code docs/metrics.md}):
 * {@code latchkey_signin_started_total} (a password step tried), {@code latchkey_signin_completed_total} by the
 * method that completed it, {@code latchkey_signin_failed_total} by step ({@code password}, {@code second_factor})
 * and method. Tags hold a fixed set of words, never a login or an address.
 */
@Component
public class SignInMeters {

	private final MeterRegistry registry;

	SignInMeters(MeterRegistry registry) {
		this.registry = registry;
		// every series at 0 from the start, so that rates and alerts have something to read before the first one
		registry.counter("latchkey.signin.started");
		for (SignedInWith method : SignedInWith.values()) {
			registry.counter("latchkey.signin.completed", "method", tag(method.name()));
		}
		registry.counter("latchkey.signin.failed", "step", "password", "method", "password");
		for (String method : new String[] { "email_code", "authenticator_app", "sms_code" }) {
			registry.counter("latchkey.signin.failed", "step", "second_factor", "method", method);
		}
	}

	void started() {
		this.registry.counter("latchkey.signin.started").increment();
	}

	void completed(SignedInWith method) {
		this.registry.counter("latchkey.signin.completed", "method", tag(method.name())).increment();
	}

	void passwordFailed() {
		this.registry.counter("latchkey.signin.failed", "step", "password", "method", "password").increment();
	}

	/** A second factor refused; {@code method} is one of {@code email_code, sms_code, authenticator_app}. */
	public void secondFactorFailed(String method) {
		this.registry.counter("latchkey.signin.failed", "step", "second_factor", "method", method).increment();
	}

	private static String tag(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
