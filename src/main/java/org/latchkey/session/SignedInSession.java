package org.latchkey.session;

import java.time.Instant;

/**
 * One open session of an account, as its owner may see it. The id is the stored one (the hash of the cookie's
 * secret): it is for the server to compare and end sessions by, never to show.
 *
 * @param id the session's stored id
 * @param method how it was signed in
 * @param signedInAt when
 * @param clientIp the address it was signed in from
 * @param userAgent the browser's User-Agent header then, clipped; may be null
 */
public record SignedInSession(String id, SignedInWith method, Instant signedInAt, String clientIp, String userAgent) {
}
