package org.latchkey.audit;

import org.jspecify.annotations.Nullable;

/**
 * Where a person acts from, as the entry point that received their request saw it: the client's address (behind
 * a trusted proxy, the one it forwarded) and the browser's User-Agent. Both are unknown for work no request
 * started, such as a scheduled task.
 *
 * @param clientAddress the client's address, or {@code null} when unknown
 * @param userAgent the User-Agent header as sent, or {@code null}
 */
public record Actor(@Nullable String clientAddress, @Nullable String userAgent) {

	/** No request: a scheduled task, a command run at start. */
	public static final Actor UNKNOWN = new Actor(null, null);

}
