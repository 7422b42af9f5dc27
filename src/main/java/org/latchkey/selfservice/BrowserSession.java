package org.latchkey.selfservice;

import java.io.Serializable;
import java.util.Optional;

import org.latchkey.lockout.SignInAttempt;

/**
 * What one browser's session holds for My account between two requests: its id, the secret its one-time codes
 * are bound to, and the changes waiting for a code, each under its name. The web layer keeps it in the
 * HTTP session and hands it to the use cases, which never see the session itself.
 */
public interface BrowserSession {

	/** The session's id as stored: what signed-in sessions are listed and ended by. */
	String id();

	/** The random secret the browser's one-time codes are bound to: a code asked for here works nowhere else. */
	String binding();

	/** The browser as the sign-in's lockout counts it: every proof given from it counts with its sign-in failures. */
	SignInAttempt attempt();

	/** The value the browser holds under {@code name}, if it is one of {@code type}. */
	<T extends Serializable> Optional<T> get(String name, Class<T> type);

	/** Keeps {@code value} for the browser under {@code name}, in place of what it held there. */
	void put(String name, Serializable value);

	/** Forgets what the browser holds under {@code name}. */
	void remove(String name);

}
