/**
 * The pages people see outside the console: sign-in, password reset, first-administrator setup, home, and the
 * error pages; the security filter chain that puts every module's pieces in order; the shared layout.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web pages")
package org.latchkey.web;
