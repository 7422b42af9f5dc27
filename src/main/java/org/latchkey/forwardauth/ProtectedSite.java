package org.latchkey.forwardauth;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.Role;

/**
 * A site behind a reverse proxy that asks Latchkey who may enter.
 *
 * @param host the host name, lower case and without port
 * @param pathPrefix the part of the site it covers, {@code /} for the whole host
 * @param everyone whether every signed-in person may enter; otherwise only {@code roles} and {@code logins}
 * @param freshMinutes with {@link RequiredFactor#FRESH_TWO_FACTOR}, how old the second factor may be
 */
public record ProtectedSite(long id, String host, String pathPrefix, boolean everyone, Set<Role> roles,
		List<String> logins, RequiredFactor factor, @Nullable Integer freshMinutes) {

	public ProtectedSite {
		roles = Set.copyOf(roles);
		logins = List.copyOf(logins);
	}

}
