package org.latchkey.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Appends security events. The actor is taken from the security context, the client address and user agent
 * from {@link CurrentActor}, so callers say only what happened. An entry is written in the caller's transaction:
 * an action that rolls back leaves no entry claiming it happened. Once committed, it is also written as one JSON
 * object to the logger {@code latchkey.audit} ({@link AuditStream}), for a SIEM.
 */
@Component
public class AuditLog {

	private static final int USER_AGENT_MAX = 255;

	private static final int CLIENT_IP_MAX = 45;

	private static final int TEXT_MAX = 100;

	private static final int DETAIL_MAX = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CurrentActor actors;

	private final AuditStream stream = new AuditStream();

	AuditLog(JdbcClient jdbc, Clock clock, CurrentActor actors) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.actors = actors;
	}

	/** Records an event about an account (or about no account when {@code subjectAccountId} is null). */
	public void record(AuditEvent event, AuditOutcome outcome, @Nullable Long subjectAccountId,
			@Nullable String subject, @Nullable String detail) {
		Actor from = this.actors.current();
		String actor = clip(currentActor(), TEXT_MAX);
		String subjectText = clip(subject, TEXT_MAX);
		this.jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, actor_key, subject_account_id, subject, subject_key,
					client_ip, user_agent, event, outcome, detail)
				VALUES (:at, :actor, :actorKey, :subjectAccountId, :subject, :subjectKey, :ip, :agent, :event,
					:outcome, :detail)
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("actor", actor)
			.param("actorKey", userKey(actor))
			.param("subjectAccountId", subjectAccountId)
			.param("subject", subjectText)
			.param("subjectKey", userKey(subjectText))
			.param("ip", clip(from.clientAddress(), CLIENT_IP_MAX))
			.param("agent", clip(from.userAgent(), USER_AGENT_MAX))
			.param("event", event.name())
			.param("outcome", outcome.name())
			.param("detail", clip(detail, DETAIL_MAX))
			.update();
		this.stream.written(new AuditEntry(0, this.clock.instant(), actor, subjectAccountId, subjectText,
				clip(from.clientAddress(), CLIENT_IP_MAX), clip(from.userAgent(), USER_AGENT_MAX), event.name(), outcome,
				clip(detail, DETAIL_MAX)));
	}

	/** Records a successful event about an account. */
	public void success(AuditEvent event, @Nullable Long subjectAccountId, @Nullable String subject) {
		record(event, AuditOutcome.SUCCESS, subjectAccountId, subject, null);
	}

	/**
	 * How the log compares the logins of actors and subjects: ignoring case. Lower-casing may lengthen a text
	 * (a dotted capital I becomes two characters), so the key is clipped again to fit its column.
	 */
	static @Nullable String userKey(@Nullable String login) {
		return (login != null) ? clip(login.toLowerCase(Locale.ROOT), TEXT_MAX) : null;
	}

	private static @Nullable String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		return authentication.getName();
	}

	private static @Nullable String clip(@Nullable String text, int max) {
		if (text == null) {
			return null;
		}
		String printable = printable(text);
		return (printable.length() <= max) ? printable : printable.substring(0, max);
	}

	/** The text as the log keeps it: control characters become '?' (PostgreSQL refuses a NUL in text). */
	static String printable(String text) {
		return text.replaceAll("\\p{Cntrl}", "?");
	}

}
