package org.latchkey.audit;

import org.jspecify.annotations.Nullable;

/**
 * Which events the console asks for. Blank or null parts match every event.
 *
 * @param user a login that acted or was acted upon, compared ignoring case
 * @param event an event type, for example {@code ACCOUNT_CREATED}
 */
public record AuditFilter(@Nullable String user, @Nullable String event) {

	boolean byUser() {
		return this.user != null && !this.user.isBlank();
	}

	boolean byEvent() {
		return this.event != null && !this.event.isBlank();
	}

}
