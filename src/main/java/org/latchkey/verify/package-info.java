/**
 * The Verify API's use cases: API keys of applications (created, checked, rate-limited, revoked), verifications
 * of an email address or phone number outside any account, and authenticator apps of an application's own
 * users. It takes and returns plain values; the HTTP adapter is the {@code api} module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Verify API")
package org.latchkey.verify;
