/**
 * Who is signed in, on which session, and how; ending sessions (one, a user's, all but SSO); the idle and
 * absolute session lifetimes, enforced on the server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sessions")
package org.latchkey.session;
