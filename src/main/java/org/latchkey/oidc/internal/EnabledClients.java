package org.latchkey.oidc.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients the authorization server knows: those registered in the console and not disabled. A disabled
 * client is unknown to every endpoint, so it gets the errors of an unknown client.
 */
class EnabledClients implements RegisteredClientRepository {

	private final JdbcRegisteredClientRepository registered;

	private final JdbcClient jdbc;

	EnabledClients(JdbcRegisteredClientRepository registered, JdbcClient jdbc) {
		this.registered = registered;
		this.jdbc = jdbc;
	}

	@Override
	public void save(RegisteredClient client) {
		this.registered.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return isEnabled(id) ? this.registered.findById(id) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		// an empty client_id is no client (Spring's repository would throw, answering 500)
		RegisteredClient client = (clientId == null || clientId.isBlank()) ? null
				: this.registered.findByClientId(clientId);
		return (client != null && isEnabled(client.getId())) ? client : null;
	}

	private boolean isEnabled(String id) {
		return this.jdbc.sql("SELECT enabled FROM oidc_client WHERE registered_client_id = :id")
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
