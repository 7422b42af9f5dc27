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
 */
public record SignInAttempt(String clientAddress, List<String> deviceTokens, @Nullable String sessionId) {

	public SignInAttempt {
		deviceTokens = List.copyOf(deviceTokens);
	}

}
