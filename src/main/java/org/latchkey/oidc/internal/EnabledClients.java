package org.latchkey.oidc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.latchkey.oidc.OidcClients;
import org.latchkey.system.SettingsCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients the authorization server knows: those registered in the console and not disabled. A disabled
 * client is unknown to every endpoint, so it gets the errors of an unknown client. The authorization server asks
 * for a client several times a request (each stored authorization it reads names one), so each enabled client is
 * kept in memory once read ({@link SettingsCache}, under {@link OidcClients#CLIENTS}): every change a console
 * makes to a client drops them all, on every node. An unknown client is never kept, so a flood of made-up client
 * ids cannot fill the memory.
 */
class EnabledClients implements RegisteredClientRepository {

	/** The enabled clients read since the last change, by id and by client id. */
	private record Known(Map<String, RegisteredClient> byId, Map<String, RegisteredClient> byClientId) {

		Known() {
			this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
		}

		RegisteredClient keep(RegisteredClient client) {
			this.byId.put(client.getId(), client);
			this.byClientId.put(client.getClientId(), client);
			return client;
		}

	}

	private final JdbcRegisteredClientRepository registered;

	private final JdbcClient jdbc;

	private final SettingsCache cache;

	EnabledClients(JdbcRegisteredClientRepository registered, JdbcClient jdbc, SettingsCache cache) {
		this.registered = registered;
		this.jdbc = jdbc;
		this.cache = cache;
	}

	@Override
	public void save(RegisteredClient client) {
		this.cache.changed(OidcClients.CLIENTS);
		this.registered.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		Known known = known();
		RegisteredClient client = known.byId().get(id);
		if (client != null) {
			return client;
		}
		client = isEnabled(id) ? this.registered.findById(id) : null;
		return (client != null) ? known.keep(client) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		// an empty client_id is no client (Spring's repository would throw, answering 500)
		if (clientId == null || clientId.isBlank()) {
			return null;
		}
		Known known = known();
		RegisteredClient client = known.byClientId().get(clientId);
		if (client != null) {
			return client;
		}
		client = this.registered.findByClientId(clientId);
		return (client != null && isEnabled(client.getId())) ? known.keep(client) : null;
	}

	private Known known() {
		return this.cache.get(OidcClients.CLIENTS, Known::new);
	}

	private boolean isEnabled(String id) {
		return this.jdbc.sql("SELECT enabled FROM oidc_client WHERE registered_client_id = :id")
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
