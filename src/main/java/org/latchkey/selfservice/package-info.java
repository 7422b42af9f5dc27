/**
 * My account's sensitive changes, each proven by a fresh code: the password, the 2FA email, the phone number,
 * the authenticator app, the default and removed methods, and signing out other sessions; and the notices that
 * tell the owner of each change. What a change waits for between two requests is kept for the browser by the web
 * layer ({@link org.latchkey.selfservice.BrowserSession}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Self-service")
package org.latchkey.selfservice;
