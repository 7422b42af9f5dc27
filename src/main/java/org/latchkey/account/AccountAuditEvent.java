package org.latchkey.account;

import org.latchkey.audit.AuditEvent;

/** The security events the account module records: accounts created, changed, activated, disabled, enabled and deleted, passwords changed, invitations sent, the first administrator created, and links refused. */
enum AccountAuditEvent implements AuditEvent {

	ACCOUNT_ACTIVATED,

	ACCOUNT_CREATED,

	ACCOUNT_DELETED,

	ACCOUNT_DISABLED,

	ACCOUNT_ENABLED,

	ACCOUNT_UPDATED,

	FIRST_ADMINISTRATOR_CREATED,

	INVITATION_SENT,

	PASSWORD_CHANGED,

	REPLAY_REFUSED,

	SETUP_LINK_REFUSED

}
