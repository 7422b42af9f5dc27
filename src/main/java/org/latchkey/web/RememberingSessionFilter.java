package org.latchkey.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

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
 * any other id, the store asks the database. A session is saved in a transaction of the store's own: its row and
 * its attributes' rows are written together or not at all.
 */
class RememberingSessionFilter<S extends Session> extends SessionRepositoryFilter<S> {

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
		if (this.store.remembered.get() != null) {
			// an error page dispatched inside the request: it shares what the request remembers
			super.doFilterInternal(request, response, filterChain);
			return;
		}
		this.store.remembered.set(new HashMap<>());
		try {
			super.doFilterInternal(request, response, filterChain);
		}
		finally {
			this.store.remembered.remove();
		}
	}

	private static final class RememberingStore<S extends Session> implements SessionRepository<S> {

		/** This thread's request's sessions by id, saved (the session) or deleted (null); none outside a request. */
		private final ThreadLocal<Map<String, S>> remembered = new ThreadLocal<>();

		private final SessionRepository<S> sessions;

		private final TransactionOperations ownTransactions;

		RememberingStore(SessionRepository<S> sessions, TransactionOperations ownTransactions) {
			this.sessions = sessions;
			this.ownTransactions = ownTransactions;
		}

		@Override
		public S createSession() {
			return this.sessions.createSession();
		}

		@Override
		public void save(S session) {
			this.ownTransactions.executeWithoutResult(status -> this.sessions.save(session));
			remember(session.getId(), session);
		}

		@Override
		public S findById(String id) {
			Map<String, S> known = this.remembered.get();
			return (known != null && known.containsKey(id)) ? known.get(id) : this.sessions.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.sessions.deleteById(id);
			remember(id, null);
		}

		private void remember(String id, S session) {
			Map<String, S> known = this.remembered.get();
			if (known != null) {
				known.put(id, session);
			}
		}

	}

}
