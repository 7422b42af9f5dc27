/**
 * The organisation's authentication policy: whether two-factor authentication is off, optional or
 * required, and which second factors are allowed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Policy")
package org.latchkey.policy;
