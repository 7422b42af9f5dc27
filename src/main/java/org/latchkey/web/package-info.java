/**
 * The pages people see outside the console: sign-in and its second step, first login, password reset,
 * first-administrator setup, My account (password, 2FA email, authenticator app), home, and the error pages;
 * the security filter chain that puts every module's pieces in order; the shared layout.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web pages")
package org.latchkey.web;
