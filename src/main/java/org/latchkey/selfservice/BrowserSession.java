package org.latchkey.selfservice;

import java.io.Serializable;
import java.util.Optional;

/**
 * What one browser's session holds for My account between two requests: its id, the secret its one-time codes
 * are bound to, and the changes waiting for a code (one value of each type). The web layer keeps it in the
 * HTTP session and hands it to the use cases, which never see the session itself.
 */
public interface BrowserSession {

	/** The session's id as stored: what signed-in sessions are listed and ended by. */
	String id();

	/** The random secret the browser's one-time codes are bound to: a code asked for here works nowhere else. */
	String binding();

	/** The value of {@code type} the browser holds, if any. */
	<T extends Serializable> Optional<T> get(Class<T> type);

	/** Keeps {@code value} for the browser, in place of any other value of its type. */
	void put(Serializable value);

	/** Forgets the value of {@code type} the browser holds. */
	void remove(Class<? extends Serializable> type);

}
