package org.latchkey.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Which events the console asks for. Blank or null parts match every event.
 *
 * @param user a login that acted or was acted upon, compared ignoring case
 * @param event an event type, for example {@code ACCOUNT_CREATED}
 * @param from the first day (UTC) whose events are wanted
 * @param to the last day (UTC) whose events are wanted, that whole day included
 */
public record AuditFilter(@Nullable String user, @Nullable String event, @Nullable LocalDate from,
		@Nullable LocalDate to) {

	/** Events by user and type, on any day. */
	public AuditFilter(@Nullable String user, @Nullable String event) {
		this(user, event, null, null);
	}

	boolean byUser() {
		return this.user != null && !this.user.isBlank();
	}

	boolean byEvent() {
		return this.event != null && !this.event.isBlank();
	}

	java.time.@Nullable Instant fromInstant() {
		return (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	java.time.@Nullable Instant untilInstant() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

}
