/**
 * The sign-in: step 1 (login and password) now, the second factor, step-up, lockout and throttling as they
 * come. It turns accounts into Spring Security principals and records each attempt. A first login ends here
 * too: the account set up from its link goes through the second factor like a sign-in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-in")
package org.latchkey.signin;
