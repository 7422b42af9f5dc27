package org.latchkey.forwardauth;

import java.util.List;

/**
 * Who entered a site, for the headers the proxy passes on to the application ({@code Remote-User},
 * {@code Remote-Email}, {@code Remote-Name}, {@code Remote-Groups}).
 *
 * @param groups the account's roles, in lower case ({@code user}, {@code administrator})
 */
public record RemoteIdentity(String login, String email, String name, List<String> groups) {

	public RemoteIdentity {
		groups = List.copyOf(groups);
	}

}
