/**
 * The sign-in steps: the password step (a temporary password included) and the principal it makes, whether a
 * second factor is owed, the second step by app, email or SMS code, the end of a first login, and the completion
 * and outcomes of a sign-in. Its use cases take plain values: the web layer and the OpenID Connect provider turn
 * requests into them and keep what they return in the browser's session.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-in")
package org.latchkey.signin;
