package org.latchkey.web;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The WebAuthn challenges a browser's session waits to have answered, one per purpose: given with the page that
 * asks for a passkey, taken (and so forgotten) by the request that answers it. The factor module records each
 * answered challenge in the database, so that two requests answering one at once cannot both use it.
 */
@Component
class PasskeyChallenges {

	/** What a challenge is for; a challenge given for one purpose answers no other. */
	enum Purpose {
		REGISTER, SECOND_STEP, WITHOUT_PASSWORD
	}

	/** A challenge and when it was given. */
	record Issued(byte[] challenge, Instant issuedAt) implements Serializable {
	}

	private static final int CHALLENGE_BYTES = 32;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	PasskeyChallenges(Clock clock) {
		this.clock = clock;
	}

	/** A new challenge for {@code purpose}, replacing the session's previous one. */
	byte[] issue(HttpSession session, Purpose purpose) {
		byte[] challenge = new byte[CHALLENGE_BYTES];
		this.random.nextBytes(challenge);
		session.setAttribute(attribute(purpose), new Issued(challenge, this.clock.instant()));
		return challenge;
	}

	/** The session's challenge for {@code purpose}, forgotten by the session as it is read; null when none. */
	Issued take(HttpSession session, Purpose purpose) {
		Object issued = session.getAttribute(attribute(purpose));
		session.removeAttribute(attribute(purpose));
		return (issued instanceof Issued found) ? found : null;
	}

	/** The options as the page's {@code data-options} attribute carries them to passkeys.js. */
	static String json(Map<String, Object> options) {
		return JSON.writeValueAsString(options);
	}

	private static String attribute(Purpose purpose) {
		return "latchkey.passkeyChallenge." + purpose.name();
	}

}
