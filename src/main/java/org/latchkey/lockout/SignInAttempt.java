package org.latchkey.lockout;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The browser a sign-in step comes from, as the entry point that received it saw it: the client's address, the
 * device tokens the browser holds (each worth something only for the account it was issued to), and the
 * session that carries the pending sign-in, which the first failed code of that sign-in is told about once.
 *
 * @param clientAddress the client's address, counted against by the client throttle
 * @param deviceTokens the values of the browser's device cookies, unchecked
 * @param sessionId the session of the pending sign-in, or {@code null} before there is one
 * @param nothingCounted whether this request found no failure counted against the browser for the account
 * ({@link SignInThrottle#standing}): its success then has no count to reset
 */
public record SignInAttempt(String clientAddress, List<String> deviceTokens, @Nullable String sessionId,
		boolean nothingCounted) {

	/** An attempt whose counter was not read: its success resets the count. */
	public SignInAttempt(String clientAddress, List<String> deviceTokens, @Nullable String sessionId) {
		this(clientAddress, deviceTokens, sessionId, false);
	}

	public SignInAttempt {
		deviceTokens = List.copyOf(deviceTokens);
	}

	/** This attempt, known to have no failure counted against it. */
	public SignInAttempt withNothingCounted() {
		return new SignInAttempt(this.clientAddress, this.deviceTokens, this.sessionId, true);
	}

}
