/**
 * The sign-in: step 1 (login and password) now, the second factor, step-up, lockout and throttling as they
 * come. It turns accounts into Spring Security principals and records each attempt.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-in")
package org.latchkey.signin;
