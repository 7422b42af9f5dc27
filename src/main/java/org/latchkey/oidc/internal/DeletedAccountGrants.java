package org.latchkey.oidc.internal;

import org.latchkey.account.AccountDeleting;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Revokes what applications hold for an account being deleted: its authorizations (codes, access and refresh
 * tokens) and its consents, which Spring Authorization Server keeps by the login rather than the account's id,
 * so that a later account given the same login inherits none of them.
 */
@Component
class DeletedAccountGrants {

	private final JdbcClient jdbc;

	DeletedAccountGrants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleting event) {
		this.jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = :login")
			.param("login", event.login())
			.update();
		this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = :login")
			.param("login", event.login())
			.update();
	}

}
