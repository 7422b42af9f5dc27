package org.latchkey.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.latchkey.audit.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions that are signed in, kept beside Spring Session's own table so that sessions can be ended by
 * user or by sign-in method in one statement, on every node at once.
 */
@Component
public class SignedInSessions {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SignedInSessions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Records a session (whose id was just renewed) as signed in to an account by a method, from where the
	 * person signed in. Returns the sign-in time, from which the session's absolute lifetime runs.
	 */
	public Instant started(String sessionId, long accountId, SignedInWith method, Actor actor) {
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM signed_in_session WHERE session_id = :id").param("id", sessionId).update();
		this.jdbc.sql("""
				INSERT INTO signed_in_session (session_id, account_id, method, signed_in_at, client_ip, user_agent)
				VALUES (:id, :accountId, :method, :now, :ip, :agent)
				""")
			.param("id", sessionId)
			.param("accountId", accountId)
			.param("method", method.name())
			.param("now", Timestamp.from(now))
			// the client's own address behind a trusted proxy, as the audit log records it
			.param("ip", actor.clientAddress())
			.param("agent", truncate(actor.userAgent()))
			.update();
		return now;
	}

	/**
	 * A browser's session got a new id, at a sign-in step or after a step-up. A signed-in session keeps its row,
	 * which follows the new id with its sign-in time and method (so it can still be listed and ended) and, by
	 * the foreign key's cascade, the authorizations applications were granted in it.
	 * @return whether the session was signed in (its row followed it)
	 */
	public boolean moved(String previousId, String currentId) {
		return this.jdbc.sql("UPDATE signed_in_session SET session_id = :current WHERE session_id = :previous")
			.param("current", currentId)
			.param("previous", previousId)
			.update() > 0;
	}

	/** Forgets a session that signed out. */
	public void ended(String sessionId) {
		this.jdbc.sql("DELETE FROM signed_in_session WHERE session_id = :id").param("id", sessionId).update();
	}

	/** Ends every session of an account, on every node; returns how many ended. */
	@Transactional
	public int endAllOf(long accountId, EndReason reason) {
		return end("account_id = :accountId", reason, statement -> statement.param("accountId", accountId));
	}

	/**
	 * Ends every session of an account but one (the one that asked, after a password change), on every node;
	 * returns how many ended.
	 */
	@Transactional
	public int endAllOfExcept(long accountId, String keptSessionId, EndReason reason) {
		return end("account_id = :accountId AND session_id <> :kept", reason,
				statement -> statement.param("accountId", accountId).param("kept", keptSessionId));
	}

	/**
	 * Ends one session of an account, on every node; a session of another account is left alone. Returns how
	 * many ended (0 or 1).
	 */
	@Transactional
	public int endOneOf(long accountId, String sessionId, EndReason reason) {
		return end("account_id = :accountId AND session_id = :ended", reason,
				statement -> statement.param("accountId", accountId).param("ended", sessionId));
	}

	/** The account's sessions that are still open, the most recently signed in first. */
	public List<SignedInSession> listOf(long accountId) {
		return this.jdbc.sql("""
				SELECT s.session_id, s.method, s.signed_in_at, s.client_ip, s.user_agent FROM signed_in_session s
				JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.account_id = :accountId ORDER BY s.signed_in_at DESC, s.session_id
				""")
			.param("accountId", accountId)
			.query((rs, row) -> new SignedInSession(rs.getString(1), SignedInWith.valueOf(rs.getString(2)),
					rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)))
			.list();
	}

	/** Ends every session on every node, except those signed in with {@code spared}; returns how many ended. */
	@Transactional
	public int endAllExcept(SignedInWith spared, EndReason reason) {
		return end("method <> :spared", reason, statement -> statement.param("spared", spared.name()));
	}

	/** How many sessions {@link #endAllExcept} would end now. */
	public int countAllExcept(SignedInWith spared) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.method <> :spared
				""").param("spared", spared.name()).query(Integer.class).single();
	}

	private int end(String which, EndReason reason, UnaryOperator<JdbcClient.StatementSpec> params) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<String> ending = params
			.apply(this.jdbc.sql("SELECT session_id FROM signed_in_session WHERE " + which + " FOR UPDATE"))
			.query(String.class)
			.list();
		if (!ending.isEmpty()) {
			this.events.publishEvent(new SessionsEnding(ending, reason));
		}
		params.apply(this.jdbc.sql("DELETE FROM ended_session WHERE session_id IN (SELECT session_id FROM "
				+ "signed_in_session WHERE " + which + ")")).update();
		params.apply(this.jdbc.sql("INSERT INTO ended_session (session_id, reason, ended_at) SELECT session_id, "
				+ ":reason, :now FROM signed_in_session WHERE " + which))
			.param("reason", reason.name())
			.param("now", now)
			.update();
		int ended = params.apply(this.jdbc.sql("DELETE FROM SPRING_SESSION WHERE SESSION_ID IN (SELECT session_id "
				+ "FROM signed_in_session WHERE " + which + ")")).update();
		params.apply(this.jdbc.sql("DELETE FROM signed_in_session WHERE " + which)).update();
		return ended;
	}

	/**
	 * Whether a signed-in session has this id; if so, its row is locked until the caller's transaction ends, so
	 * the session is not ended meanwhile and what the caller links to it now goes when it ends.
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean lockIfSignedIn(String sessionId) {
		return !this.jdbc.sql("SELECT session_id FROM signed_in_session WHERE session_id = :id FOR UPDATE")
			.param("id", sessionId)
			.query(String.class)
			.list()
			.isEmpty();
	}

	/** Why the session with this id was ended on the server, if it was (within the last day). */
	public Optional<EndReason> whyEnded(String sessionId) {
		if (sessionId == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT reason FROM ended_session WHERE session_id = :id")
			.param("id", sessionId)
			.query((rs, row) -> EndReason.valueOf(rs.getString(1)))
			.optional();
	}

	private static String truncate(String userAgent) {
		return (userAgent == null || userAgent.length() <= 255) ? userAgent : userAgent.substring(0, 255);
	}

}
