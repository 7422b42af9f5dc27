package org.latchkey.session.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets what the session tables keep of sessions that are over, so that they hold only the live ones. */
@Component
class ExpiredSessions {

	private final JdbcClient jdbc;

	private final Clock clock;

	ExpiredSessions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
		this.jdbc.sql("DELETE FROM ended_session WHERE ended_at < :dayAgo")
			.param("dayAgo", Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

}
