package org.latchkey.audit;

import java.sql.Timestamp;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends security events. The actor, client address and user agent are taken from the current request
 * and security context, so callers say only what happened. An entry is written in the caller's transaction:
 * an action that rolls back leaves no entry claiming it happened.
 */
@Component
public class AuditLog {

	private static final int USER_AGENT_MAX = 255;

	private static final int TEXT_MAX = 100;

	private static final int DETAIL_MAX = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records an event about an account (or about no account when {@code subjectAccountId} is null). */
	public void record(String event, AuditOutcome outcome, @Nullable Long subjectAccountId, @Nullable String subject,
			@Nullable String detail) {
		HttpServletRequest request = currentRequest();
		this.jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, subject_account_id, subject, client_ip, user_agent,
					event, outcome, detail)
				VALUES (:at, :actor, :subjectAccountId, :subject, :ip, :agent, :event, :outcome, :detail)
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("actor", clip(currentActor(), TEXT_MAX))
			.param("subjectAccountId", subjectAccountId)
			.param("subject", clip(subject, TEXT_MAX))
			.param("ip", (request != null) ? request.getRemoteAddr() : null)
			.param("agent", (request != null) ? clip(request.getHeader("User-Agent"), USER_AGENT_MAX) : null)
			.param("event", event)
			.param("outcome", outcome.name())
			.param("detail", clip(detail, DETAIL_MAX))
			.update();
	}

	public void success(String event, @Nullable Long subjectAccountId, @Nullable String subject) {
		record(event, AuditOutcome.SUCCESS, subjectAccountId, subject, null);
	}

	private static @Nullable String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		return authentication.getName();
	}

	private static @Nullable HttpServletRequest currentRequest() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

	private static @Nullable String clip(@Nullable String text, int max) {
		if (text == null) {
			return null;
		}
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= max) ? printable : printable.substring(0, max);
	}

}
