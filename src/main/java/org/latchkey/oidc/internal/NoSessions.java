package org.latchkey.oidc.internal;

import java.util.List;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * The session registry the code exchange is given: none. Spring's exchange would read every session of the
 * signed-in person, their attributes with them, to put the latest one's hash in the ID token's {@code sid};
 * {@link AuthenticationClaims} sets that claim itself, from the session the code was granted in. The logout
 * endpoint keeps the real registry.
 */
final class NoSessions implements SessionRegistry {

	@Override
	public List<Object> getAllPrincipals() {
		return List.of();
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		return List.of();
	}

	@Override
	public SessionInformation getSessionInformation(String sessionId) {
		return null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
	}

	@Override
	public void removeSessionInformation(String sessionId) {
	}

}
