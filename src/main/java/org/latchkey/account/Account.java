package org.latchkey.account;

import java.time.Instant;

/** A user of Latchkey, as the rest of the application sees it (never with its password hash). */
public record Account(long id, String login, String displayName, String businessEmail, Role role,
		AccountStatus status, Instant createdAt) {

	public boolean isAdministrator() {
		return this.role == Role.ADMINISTRATOR;
	}

}
