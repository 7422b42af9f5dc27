package org.latchkey.web;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Spring Session's filter, over a store that remembers, while a request runs, the sessions the request saved and
 * the ids it deleted. The filter saves the session as the response is committed and again as the request ends;
 * before that second save it looks the request's session up in the store again, only to decide whether to send
 * the cookie (Spring Session's issue 1731), and a request that renewed its session ({@link SessionRenewal}) looks
 * up the id it has just deleted. The answers to both are what the request itself did, so the store gives them
 * without a query. A request starts with nothing remembered and forgets all as it ends; outside a request, and for
 * any other id, the store asks the database.
 * <p>
 * What a save writes: a session the request made is inserted without a transaction, each statement on its own. A
 * stored session the request changed ({@link TrackedSession}) is saved in a transaction of the store's own, its row
 * and its attributes' rows changed together or not at all. A stored session the request only used has its last
 * access written, by one statement, once that moved by a thirtieth of the idle timeout (a minute of the default
 * 30); until then it is not written at all, so an idle session may end up to that much sooner, never later.
 */
class RememberingSessionFilter<S extends Session> extends SessionRepositoryFilter<TrackedSession<S>> {

	private final RememberingStore<S> store;

	RememberingSessionFilter(SessionRepository<S> sessions, TransactionOperations ownTransactions) {
		this(new RememberingStore<>(sessions, ownTransactions));
	}

	private RememberingSessionFilter(RememberingStore<S> store) {
		super(store);
		this.store = store;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		if (this.store.requests.get() != null) {
			// an error page dispatched inside the request: it shares what the request remembers
			super.doFilterInternal(request, response, filterChain);
			return;
		}
		this.store.requests.set(new Memory<>());
		try {
			super.doFilterInternal(request, response, filterChain);
		}
		finally {
			this.store.requests.remove();
		}
	}

	/**
	 * What one request did to the store: its sessions by id, saved (the session) or deleted (null), and the
	 * sessions it made that were never saved.
	 */
	private record Memory<S extends Session>(Map<String, TrackedSession<S>> known, Set<TrackedSession<S>> unsaved) {

		Memory() {
			this(new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
		}

	}

	private static final class RememberingStore<S extends Session> implements SessionRepository<TrackedSession<S>> {

		/** What this thread's request did; none outside a request. */
		private final ThreadLocal<Memory<S>> requests = new ThreadLocal<>();

		private final SessionRepository<S> sessions;

		private final TransactionOperations ownTransactions;

		RememberingStore(SessionRepository<S> sessions, TransactionOperations ownTransactions) {
			this.sessions = sessions;
			this.ownTransactions = ownTransactions;
		}

		@Override
		public TrackedSession<S> createSession() {
			TrackedSession<S> session = new TrackedSession<>(this.sessions.createSession(), null);
			Memory<S> memory = this.requests.get();
			if (memory != null) {
				memory.unsaved().add(session);
			}
			return session;
		}

		@Override
		public void save(TrackedSession<S> session) {
			Memory<S> memory = this.requests.get();
			if (memory != null && memory.unsaved().remove(session)) {
				// a first save inserts the session's row, then its attributes' rows: one stopped between the two
				// leaves a session that holds nothing, as a new one does, and whose id no browser was given
				this.sessions.save(session.session());
				session.saved();
			}
			else if (session.changed()) {
				this.ownTransactions.executeWithoutResult(status -> this.sessions.save(session.session()));
				session.saved();
			}
			else if (session.lastAccessLags()) {
				// the last access alone: one statement
				this.sessions.save(session.session());
				session.saved();
			}
			remember(session.getId(), session);
		}

		@Override
		public TrackedSession<S> findById(String id) {
			Memory<S> memory = this.requests.get();
			if (memory != null && memory.known().containsKey(id)) {
				return memory.known().get(id);
			}
			S session = this.sessions.findById(id);
			return (session != null) ? new TrackedSession<>(session, session.getLastAccessedTime()) : null;
		}

		@Override
		public void deleteById(String id) {
			this.sessions.deleteById(id);
			remember(id, null);
		}

		private void remember(String id, TrackedSession<S> session) {
			Memory<S> memory = this.requests.get();
			if (memory != null) {
				memory.known().put(id, session);
			}
		}

	}

}
