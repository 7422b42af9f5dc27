package org.latchkey.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.latchkey.audit.Actor;
import org.latchkey.system.InLists;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The sessions that are signed in, kept beside Spring Session's own table so that sessions can be ended by
 * user or by sign-in method in one statement, on every node at once.
 */
@Component
@EnableConfigurationProperties(SessionSettings.class)
public class SignedInSessions {

	/**
	 * The sessions over by a timeout: their Spring Session row is gone or expired, or they are too old. Each row is
	 * looked up by its session id: H2 reads an uncorrelated {@code IN (SELECT ...)} again for every row it checks
	 * once another request has written to the table read, which the sign-ins do all the time.
	 */
	private static final String EXPIRED = """
			(signed_in_at < :graceEnd AND NOT EXISTS
				(SELECT 1 FROM SPRING_SESSION t WHERE t.SESSION_ID = signed_in_session.session_id))
			OR EXISTS (SELECT 1 FROM SPRING_SESSION t
				WHERE t.SESSION_ID = signed_in_session.session_id AND t.EXPIRY_TIME < :idleNow)
			OR signed_in_at < :absoluteStart""";

	private static final Clock SYSTEM_CLOCK = Clock.systemUTC();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final SessionSettings settings;

	private final TransactionOperations transactions;

	SignedInSessions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, SessionSettings settings,
			TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
		this.settings = settings;
	}

	/**
	 * Records a session (whose id was just renewed) as signed in to an account by a method, from where the
	 * person signed in. Returns the sign-in time, from which the session's absolute lifetime runs.
	 */
	public Instant started(String sessionId, long accountId, SignedInWith method, Actor actor) {
		return started(sessionId, accountId, method, null, actor);
	}

	/**
	 * Records a session as {@link #started(String, long, SignedInWith, Actor)} does, opened through the upstream
	 * identity provider {@code ssoProviderId} when it is not {@code null}.
	 */
	public Instant started(String sessionId, long accountId, SignedInWith method, Long ssoProviderId, Actor actor) {
		Instant now = this.clock.instant();
		// the id was just drawn (256 random bits), so no row holds it: the primary key refuses one that would
		this.jdbc.sql("""
				INSERT INTO signed_in_session (session_id, account_id, method, signed_in_at, client_ip, user_agent,
					sso_provider_id)
				VALUES (:id, :accountId, :method, :now, :ip, :agent, :ssoProvider)
				""")
			.param("ssoProvider", ssoProviderId)
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

	/**
	 * Forgets a session the browser itself ends: signed out, replaced by a new sign-in, or over its lifetime.
	 * What applications were granted in it is revoked in the same transaction ({@link SessionsEnding}).
	 */
	@Transactional
	public void ended(String sessionId, EndReason reason) {
		forget("session_id = :id", reason, statement -> statement.param("id", sessionId));
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

	/**
	 * Forgets every session that is over, though no request of its browser noticed: idle for longer than
	 * Spring Session allows (its row expired or gone, after a minute's grace for a sign-in whose renewed id
	 * is not yet written there), or signed in for longer than the absolute timeout. What applications were
	 * granted in them is revoked with them; returns how many were forgotten.
	 */
	@Transactional
	public int endExpired() {
		return forget(EXPIRED, EndReason.EXPIRED, this::expiryParameters);
	}

	/**
	 * Whether the session with this id is signed in but over by its idle or absolute timeout; if so it is
	 * forgotten now, with what applications were granted in it, as {@link #endExpired} would. A live session, the
	 * usual answer, costs one read that locks nothing; only a session found over is locked, asked about again and
	 * ended, in a transaction.
	 */
	public boolean endIfExpired(String sessionId) {
		String expired = "session_id = :id AND (" + EXPIRED + ")";
		boolean found = expiryParameters(this.jdbc.sql("SELECT COUNT(*) FROM signed_in_session WHERE " + expired))
			.param("id", sessionId)
			.query(Long.class)
			.single() > 0;
		return found && this.transactions.execute(status -> forget(expired, EndReason.EXPIRED,
				statement -> expiryParameters(statement).param("id", sessionId))) > 0;
	}

	private JdbcClient.StatementSpec expiryParameters(JdbcClient.StatementSpec statement) {
		Instant now = this.clock.instant();
		return statement.param("graceEnd", Timestamp.from(now.minusSeconds(60)))
			// Spring Session measures idleness on the system clock, so its expiry times are read against it
			.param("idleNow", SYSTEM_CLOCK.millis())
			.param("absoluteStart", Timestamp.from(now.minus(this.settings.absoluteTimeout())));
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

	/** How many sessions are signed in now, on every node. */
	public int countOpen() {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				""").query(Integer.class).single();
	}

	/** How many open sessions were signed in with {@code method}: those {@link #endAllExcept} would spare. */
	public int countWith(SignedInWith method) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.method = :method
				""").param("method", method.name()).query(Integer.class).single();
	}

	/** Publishes the end of the sessions that match and deletes their rows; returns how many there were. */
	private int forget(String which, EndReason reason, UnaryOperator<JdbcClient.StatementSpec> params) {
		List<String> ending = lock(which, params);
		InLists.parts(ending).forEach(some -> forgetLocked(some, reason));
		return ending.size();
	}

	/** Publishes the end of these locked sessions, which revokes what was granted in them, and deletes their rows. */
	private void forgetLocked(List<String> sessionIds, EndReason reason) {
		this.events.publishEvent(new SessionsEnding(sessionIds, reason));
		this.jdbc.sql("DELETE FROM signed_in_session WHERE session_id IN (:ending)")
			.param("ending", sessionIds)
			.update();
	}

	/**
	 * Ends the sessions that match, on every node, a part of {@link InLists} at a time: records why for their next
	 * request, deletes their Spring Session rows, then forgets them as {@link #forgetLocked} does; returns how many
	 * Spring Session rows went.
	 */
	private int end(String which, EndReason reason, UnaryOperator<JdbcClient.StatementSpec> params) {
		Timestamp now = Timestamp.from(this.clock.instant());
		int ended = 0;
		for (List<String> some : InLists.parts(lock(which, params))) {
			this.jdbc.sql("DELETE FROM ended_session WHERE session_id IN (:ending)").param("ending", some).update();
			this.jdbc.sql("""
					INSERT INTO ended_session (session_id, reason, ended_at)
					SELECT session_id, :reason, :now FROM signed_in_session WHERE session_id IN (:ending)
					""").param("ending", some).param("reason", reason.name()).param("now", now).update();
			ended += this.jdbc.sql("DELETE FROM SPRING_SESSION WHERE SESSION_ID IN (:ending)")
				.param("ending", some)
				.update();
			forgetLocked(some, reason);
		}
		return ended;
	}

	/** The ids of the signed-in sessions that match, their rows locked until the transaction ends. */
	private List<String> lock(String which, UnaryOperator<JdbcClient.StatementSpec> params) {
		return params.apply(this.jdbc.sql("SELECT session_id FROM signed_in_session WHERE " + which + " FOR UPDATE"))
			.query(String.class)
			.list();
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
