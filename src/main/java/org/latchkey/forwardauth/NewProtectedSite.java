package org.latchkey.forwardauth;

import java.util.Set;

/**
 * A protected site as an administrator typed it in the console, before {@link ProtectedSites#add} checks it.
 *
 * @param logins the named people, one login a line
 * @param freshMinutes the minutes a second factor stays fresh, as typed; read only with
 * {@link RequiredFactor#FRESH_TWO_FACTOR}
 */
public record NewProtectedSite(String host, String pathPrefix, boolean everyone, Set<String> roles, String logins,
		String factor, String freshMinutes) {

	public NewProtectedSite {
		roles = Set.copyOf(roles);
	}

	/** The empty form: the whole host, everyone signed in, with a second factor. */
	public static NewProtectedSite blank() {
		return new NewProtectedSite("", "", true, Set.of(), "", RequiredFactor.TWO_FACTOR.name(), "");
	}

}
