package org.latchkey.session;

import java.util.List;

/**
 * Published inside the transaction that ends signed-in sessions on the server, before their rows go, so
 * that what was granted through them (an application's refresh tokens) ends in the same transaction.
 *
 * @param sessionIds the ids of the sessions being ended
 * @param reason why they are ended
 */
public record SessionsEnding(List<String> sessionIds, EndReason reason) {
}
