/**
 * The sign-in: step 1 (login and password, or a temporary password), the second factor, getting back in
 * (password reset by link, by an administrator, 2FA email reset), step-up, lockout and throttling as they
 * come. It turns accounts into Spring Security principals and records each attempt. A first login ends here
 * too: the account set up from its link goes through the second factor like a sign-in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-in")
package org.latchkey.signin;
