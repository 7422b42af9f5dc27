package org.latchkey.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Session's filter asks the store, with and without the memory of what the request itself saved and
 * deleted: a plain request and a renewing one each look their session up once, a session the request made is
 * inserted outside a transaction, a stored one the request changed is saved once in one, one it only used is
 * written only when its last access lags, and what the request remembered is gone once it ends.
 */
class RememberingSessionFilterTests {

	private final List<String> lookups = new ArrayList<>();

	private int saves;

	private int transactionsRun;

	/** Transactions that only count how many were run. */
	private final TransactionOperations transactions = new TransactionOperations() {

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			RememberingSessionFilterTests.this.transactionsRun++;
			return action.doInTransaction(new SimpleTransactionStatus());
		}

	};

	/** The store, noting each id looked up in it. */
	private final MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>()) {

		@Override
		public MapSession findById(String id) {
			RememberingSessionFilterTests.this.lookups.add(id);
			return super.findById(id);
		}

		@Override
		public void save(MapSession session) {
			RememberingSessionFilterTests.this.saves++;
			super.save(session);
		}

	};

	@Test
	void aRequestLooksItsSessionUpOnceWhereSpringSessionAloneLooksTwice() throws Exception {
		String id = storedSession();

		List<String> alone = lookupsDuring(new SessionRepositoryFilter<>(this.sessions), id, this::touchTheSession);
		List<String> remembering = lookupsDuring(new RememberingSessionFilter<>(this.sessions, TransactionOperations.withoutTransaction()), id, this::touchTheSession);

		assertThat(alone).hasSize(2);
		assertThat(remembering).containsExactly(id);
		assertThat(this.sessions.findById(id).<Integer>getAttribute("visits")).as("each request saved its visit").isEqualTo(3);
	}

	@Test
	void aRenewingRequestDoesNotLookUpTheSessionItDeleted() throws Exception {
		String id = storedSession();

		List<String> alone = lookupsDuring(new SessionRepositoryFilter<>(this.sessions), id, this::renew);
		String renewed = storedSession();
		List<String> remembering = lookupsDuring(new RememberingSessionFilter<>(this.sessions, TransactionOperations.withoutTransaction()), renewed, this::renew);

		assertThat(alone).hasSize(3);
		assertThat(remembering).containsExactly(renewed);
		assertThat(this.sessions.findById(renewed)).isNull();
	}

	@Test
	void aSessionTheRequestMadeIsInsertedOutsideATransactionAndAStoredOneItChangedSavedOnceInOne() throws Exception {
		RememberingSessionFilter<MapSession> filter = new RememberingSessionFilter<>(this.sessions, this.transactions);
		String stored = storedSession();
		String renewed = storedSession();
		this.saves = 0;

		request(filter, stored, this::touchTheSession);
		int touching = this.transactionsRun;
		int touchingSaves = this.saves;
		this.transactionsRun = 0;
		this.saves = 0;
		request(filter, renewed, this::renew);

		assertThat(touching).as("the changed session's one save").isEqualTo(1);
		assertThat(touchingSaves).as("the filter's second save had nothing to write").isEqualTo(1);
		assertThat(this.transactionsRun).as("the new session's insert had none").isZero();
		assertThat(this.saves).as("the new session inserted once").isEqualTo(1);
	}

	@Test
	void aStoredSessionTheRequestOnlyUsedIsWrittenOnlyOnceItsLastAccessLagsByAThirtiethOfItsTimeout()
			throws Exception {
		RememberingSessionFilter<MapSession> filter = new RememberingSessionFilter<>(this.sessions, this.transactions);
		String recent = storedSession();
		String lagging = storedSession();
		MapSession old = this.sessions.findById(lagging);
		old.setLastAccessedTime(old.getLastAccessedTime().minus(old.getMaxInactiveInterval().dividedBy(30)));
		this.sessions.save(old);
		this.saves = 0;

		request(filter, recent, this::readTheSession);
		int recentSaves = this.saves;
		Instant before = this.sessions.findById(lagging).getLastAccessedTime();
		request(filter, lagging, this::readTheSession);

		assertThat(recentSaves).as("a recent last access is not written").isZero();
		assertThat(this.saves).as("a lagging one is, once").isEqualTo(1);
		assertThat(this.sessions.findById(lagging).getLastAccessedTime()).isAfter(before);
		assertThat(this.transactionsRun).as("the last access alone is one statement").isZero();
	}

	@Test
	void removingAnAttributeTheSessionDoesNotHoldIsNoChange() throws Exception {
		RememberingSessionFilter<MapSession> filter = new RememberingSessionFilter<>(this.sessions, this.transactions);
		String id = storedSession();
		this.saves = 0;

		request(filter, id, (request, response) -> ((HttpServletRequest) request).getSession().removeAttribute("none"));

		assertThat(this.saves).isZero();
	}

	@Test
	void whatARequestRememberedIsGoneOnceItEnds() throws Exception {
		String id = storedSession();
		RememberingSessionFilter<MapSession> filter = new RememberingSessionFilter<>(this.sessions, TransactionOperations.withoutTransaction());
		MockHttpServletRequest request = request(filter, id, this::touchTheSession);
		SessionRepository<?> store = (SessionRepository<?>) request
			.getAttribute(SessionRepositoryFilter.SESSION_REPOSITORY_ATTR);
		this.lookups.clear();

		this.sessions.deleteById(id);

		assertThat(store.findById(id)).as("ended elsewhere after the request: the store asks again").isNull();
		assertThat(this.lookups).containsExactly(id);
	}

	private String storedSession() {
		MapSession session = this.sessions.createSession();
		session.setAttribute("visits", 1);
		this.sessions.save(session);
		return session.getId();
	}

	/** The ids the store was asked for while {@code filter} handled one request. */
	private List<String> lookupsDuring(SessionRepositoryFilter<?> filter, String sessionId, FilterChain handler)
			throws Exception {
		this.lookups.clear();
		request(filter, sessionId, handler);
		return List.copyOf(this.lookups);
	}

	private MockHttpServletRequest request(SessionRepositoryFilter<?> filter, String sessionId,
			FilterChain handler) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setCookies(new Cookie("SESSION", Base64.getEncoder().encodeToString(sessionId.getBytes())));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
		}, (servletRequest, servletResponse, chain) -> {
			handler.doFilter(servletRequest, servletResponse);
			// the response committed before the request ends: the filter saves the session twice
			servletResponse.flushBuffer();
		}));
		return request;
	}

	private void touchTheSession(ServletRequest request, ServletResponse response) {
		HttpSession session = ((HttpServletRequest) request).getSession();
		session.setAttribute("visits", (Integer) session.getAttribute("visits") + 1);
	}

	private void readTheSession(ServletRequest request, ServletResponse response) {
		assertThat(((HttpServletRequest) request).getSession().getAttribute("visits")).isNotNull();
	}

	/** What {@link SessionRenewal} does: the old session deleted, its attributes in a new one. */
	private void renew(ServletRequest request, ServletResponse response) {
		HttpServletRequest http = (HttpServletRequest) request;
		Object visits = http.getSession().getAttribute("visits");
		http.getSession().invalidate();
		http.getSession(true).setAttribute("visits", visits);
	}

}
