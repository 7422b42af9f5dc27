package org.latchkey.verify;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** An API key as the console lists it: never the key itself, which exists in clear only once, when created. */
public record ApiKeyView(long id, String name, String prefix, Set<ApiScope> scopes, Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

	public boolean revoked() {
		return this.revokedAt != null;
	}

}
