package org.latchkey.forwardauth;

import org.latchkey.audit.AuditEvent;

/** The security events of forward authentication: protected sites added and removed by an administrator. */
enum ForwardAuthEvent implements AuditEvent {

	PROTECTED_SITE_ADDED,

	PROTECTED_SITE_REMOVED

}
