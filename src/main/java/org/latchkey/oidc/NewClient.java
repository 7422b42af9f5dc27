package org.latchkey.oidc;

import java.util.Set;

/**
 * What an administrator enters to register an application.
 *
 * @param redirectUris the exact addresses the application may receive codes at, one a line
 * @param postLogoutRedirectUris the exact addresses it may send people back to after signing out, one a line
 * @param scopes the scopes it may ask for; {@code openid} is always one
 */
public record NewClient(String name, boolean confidential, boolean firstParty, String redirectUris,
		String postLogoutRedirectUris, Set<String> scopes) {
}
