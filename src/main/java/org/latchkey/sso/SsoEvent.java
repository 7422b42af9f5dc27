package org.latchkey.sso;

import org.latchkey.audit.AuditEvent;

/**
 * The security events single sign-on records: providers added, changed, enabled, disabled and removed; sign-ins
 * through a provider, accepted or refused (the detail says why); accounts linked, created and unlinked.
 */
public enum SsoEvent implements AuditEvent {

	SSO_PROVIDER_ADDED,

	SSO_PROVIDER_CHANGED,

	SSO_PROVIDER_ENABLED,

	SSO_PROVIDER_DISABLED,

	SSO_PROVIDER_REMOVED,

	SSO_SIGN_IN,

	SSO_ACCOUNT_LINKED,

	SSO_ACCOUNT_CREATED,

	SSO_ACCOUNT_UNLINKED

}
