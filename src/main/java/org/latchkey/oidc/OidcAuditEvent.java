package org.latchkey.oidc;

import org.latchkey.audit.AuditEvent;

/** The security events the OpenID Connect provider records: applications registered, their secrets rotated, their access turned on and off. */
enum OidcAuditEvent implements AuditEvent {

	OIDC_CLIENT_DISABLED,

	OIDC_CLIENT_ENABLED,

	OIDC_CLIENT_REDIRECTS_CHANGED,

	OIDC_CLIENT_REGISTERED,

	OIDC_CLIENT_SECRET_ROTATED

}
