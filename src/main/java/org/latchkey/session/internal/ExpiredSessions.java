package org.latchkey.session.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.latchkey.session.SignedInSessions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions that are over though their browser never came back, with what applications were granted
 * in them, and forgets what the session tables keep of sessions that are over, so that they hold only the
 * live ones.
 */
@Component
class ExpiredSessions {

	private final SignedInSessions sessions;

	private final JdbcClient jdbc;

	private final Clock clock;

	ExpiredSessions(SignedInSessions sessions, JdbcClient jdbc, Clock clock) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every minute, as often as Spring Session drops the sessions that were idle too long. */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void forgetExpired() {
		this.sessions.endExpired();
		this.jdbc.sql("DELETE FROM ended_session WHERE ended_at < :dayAgo")
			.param("dayAgo", Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

}
