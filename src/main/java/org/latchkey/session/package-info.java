/**
 * Who is signed in, on which session, and how; ending sessions (one, a user's, all but SSO) on every node at
 * once. It knows sessions by their stored ids only: the web layer keeps the browser's session, its cookie and
 * its lifetimes, and tells this module when a session is signed in, renewed or ended.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sessions")
package org.latchkey.session;
