/**
 * The master key and what is done with it: encryption of secrets at rest (AES-256-GCM), keyed hashes of
 * codes and tokens (HMAC-SHA-256), signatures of values handed to browsers, and random tokens for links.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secrets")
package org.latchkey.secret;
