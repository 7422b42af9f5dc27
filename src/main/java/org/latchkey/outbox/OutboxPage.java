package org.latchkey.outbox;

import java.util.List;
import java.util.Map;

/**
 * One page of the outbox, newest first, with how many messages stand in each status.
 *
 * @param counts the number of messages in each status, over the whole outbox
 */
public record OutboxPage(List<OutboxEntry> messages, int page, boolean hasNext, Map<OutboxStatus, Long> counts) {

	public boolean hasPrevious() {
		return this.page > 0;
	}

}
