package org.latchkey.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.session.Session;

/**
 * A session as one request uses it: the store's session, with a note of whether the request changed anything but
 * its last access ({@link RememberingSessionFilter} decides from it what a save must write). What counts as a
 * change is what Spring Session's stores write: an attribute set or removed, the id or the idle timeout changed.
 *
 * @param <S> the store's sessions
 */
final class TrackedSession<S extends Session> implements Session {

	/** The part of the idle timeout by which the last access the store holds may lag. */
	private static final int ACCESS_SLACK_DIVISOR = 30;

	private final S session;

	/** The last access the store holds; null while the session was never saved. */
	private Instant storedAccess;

	private boolean changed;

	TrackedSession(S session, Instant storedAccess) {
		this.session = session;
		this.storedAccess = storedAccess;
	}

	S session() {
		return this.session;
	}

	/**
	 * Whether the last access the store holds (none for a session never saved) lags this one by a thirtieth of
	 * the idle timeout or more.
	 */
	boolean lastAccessLags() {
		Duration slack = this.session.getMaxInactiveInterval().dividedBy(ACCESS_SLACK_DIVISOR);
		return this.storedAccess == null
				|| Duration.between(this.storedAccess, this.session.getLastAccessedTime()).compareTo(slack) >= 0;
	}

	/** Whether the request changed more than the last access since the session was loaded or last saved. */
	boolean changed() {
		return this.changed;
	}

	/** The store now holds the session as it stands. */
	void saved() {
		this.changed = false;
		this.storedAccess = this.session.getLastAccessedTime();
	}

	@Override
	public String getId() {
		return this.session.getId();
	}

	@Override
	public String changeSessionId() {
		this.changed = true;
		return this.session.changeSessionId();
	}

	@Override
	public <T> T getAttribute(String name) {
		return this.session.getAttribute(name);
	}

	@Override
	public Set<String> getAttributeNames() {
		return this.session.getAttributeNames();
	}

	@Override
	public void setAttribute(String name, Object value) {
		this.changed = true;
		this.session.setAttribute(name, value);
	}

	@Override
	public void removeAttribute(String name) {
		// removing what the session does not hold writes nothing
		this.changed |= this.session.getAttributeNames().contains(name);
		this.session.removeAttribute(name);
	}

	@Override
	public Instant getCreationTime() {
		return this.session.getCreationTime();
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.session.setLastAccessedTime(lastAccessedTime);
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.session.getLastAccessedTime();
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.changed = true;
		this.session.setMaxInactiveInterval(interval);
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.session.getMaxInactiveInterval();
	}

	@Override
	public boolean isExpired() {
		return this.session.isExpired();
	}

}
