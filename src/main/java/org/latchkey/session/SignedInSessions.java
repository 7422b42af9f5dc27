package org.latchkey.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.AccountDisabled;
import org.latchkey.account.AccountRoleChanged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions that are signed in, kept beside Spring Session's own table so that sessions can be ended by
 * user or by sign-in method in one statement, on every node at once.
 */
@Component
public class SignedInSessions {

	static final String SIGNED_IN_AT = "latchkey.signedInAt";

	static final String METHOD = "latchkey.signInMethod";

	private final JdbcClient jdbc;

	private final Clock clock;

	SignedInSessions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Marks the request's session (whose id was just renewed) as signed in to an account by a method. */
	public void started(HttpServletRequest request, long accountId, SignInMethod method) {
		Instant now = this.clock.instant();
		HttpSession session = request.getSession();
		session.setAttribute(SIGNED_IN_AT, now);
		session.setAttribute(METHOD, method);
		this.jdbc.sql("DELETE FROM signed_in_session WHERE session_id = :id").param("id", session.getId()).update();
		this.jdbc.sql("""
				INSERT INTO signed_in_session (session_id, account_id, method, signed_in_at, client_ip, user_agent)
				VALUES (:id, :accountId, :method, :now, :ip, :agent)
				""")
			.param("id", session.getId())
			.param("accountId", accountId)
			.param("method", method.name())
			.param("now", Timestamp.from(now))
			.param("ip", request.getRemoteAddr())
			.param("agent", truncate(request.getHeader("User-Agent")))
			.update();
	}

	/** Forgets a session that signed out. */
	public void ended(String sessionId) {
		this.jdbc.sql("DELETE FROM signed_in_session WHERE session_id = :id").param("id", sessionId).update();
	}

	/** Ends every session of an account, on every node; returns how many ended. */
	@Transactional
	public int endAllOf(long accountId) {
		int ended = this.jdbc.sql("""
				DELETE FROM SPRING_SESSION WHERE SESSION_ID IN
					(SELECT session_id FROM signed_in_session WHERE account_id = :accountId)
				""")
			.param("accountId", accountId)
			.update();
		this.jdbc.sql("DELETE FROM signed_in_session WHERE account_id = :accountId")
			.param("accountId", accountId)
			.update();
		return ended;
	}

	/** How many sessions an account has open. */
	public int countOf(long accountId) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM signed_in_session s JOIN SPRING_SESSION t ON t.SESSION_ID = s.session_id
				WHERE s.account_id = :accountId
				""")
			.param("accountId", accountId)
			.query(Integer.class)
			.single();
	}

	@EventListener
	void on(AccountDisabled event) {
		endAllOf(event.accountId());
	}

	/** A session keeps the authorities it was signed in with: after a change of role it must not go on. */
	@EventListener
	void on(AccountRoleChanged event) {
		endAllOf(event.accountId());
	}

	/**
	 * Drops rows of sessions Spring Session has expired. A minute's grace spares a sign-in whose renewed
	 * session id is not yet written to Spring Session's table.
	 */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void forgetExpired() {
		this.jdbc.sql("""
				DELETE FROM signed_in_session WHERE signed_in_at < :graceEnd
				AND session_id NOT IN (SELECT SESSION_ID FROM SPRING_SESSION)
				""")
			.param("graceEnd", Timestamp.from(this.clock.instant().minusSeconds(60)))
			.update();
	}

	private static String truncate(String userAgent) {
		return (userAgent == null || userAgent.length() <= 255) ? userAgent : userAgent.substring(0, 255);
	}

}
