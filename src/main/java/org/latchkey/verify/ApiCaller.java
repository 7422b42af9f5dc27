package org.latchkey.verify;

import java.util.Set;

/**
 * The API key a request came with, once recognised: whose it is and what it may do. It holds no secret.
 *
 * @param keyId the key's id
 * @param applicationId the console's id of the application the key belongs to
 * @param name the name an administrator gave the key, shown in the audit log
 * @param prefix the key's first characters, not secret, to tell keys apart
 */
public record ApiCaller(long keyId, String applicationId, String name, String prefix, Set<ApiScope> scopes) {

	public ApiCaller {
		scopes = Set.copyOf(scopes);
	}

	public boolean may(ApiScope scope) {
		return this.scopes.contains(scope);
	}

	/** How the audit log names the caller. */
	public String auditName() {
		return "API key " + this.name + " (" + this.prefix + ")";
	}

}
