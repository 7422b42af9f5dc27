package org.latchkey.sso.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code sso_state} table: the states of authorization requests, by keyed hash, each spent once by one
 * conditional UPDATE, so a replayed callback is refused on every node.
 */
@Component
public class States {

	private final JdbcClient jdbc;

	States(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void issued(String stateHash, long providerId, Instant now, Instant expiresAt) {
		// the states nobody brought back are forgotten as new ones are issued
		this.jdbc.sql("DELETE FROM sso_state WHERE expires_at < :now").param("now", Timestamp.from(now)).update();
		this.jdbc.sql("""
				INSERT INTO sso_state (state_hash, provider_id, created_at, expires_at)
				VALUES (:hash, :provider, :now, :expires)
				""")
			.param("hash", stateHash)
			.param("provider", providerId)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** Spends the state: true for the one callback that brings it back in time, false for any other. */
	public boolean spend(String stateHash, long providerId, Instant now) {
		return this.jdbc.sql("""
				UPDATE sso_state SET used_at = :now
				WHERE state_hash = :hash AND provider_id = :provider AND used_at IS NULL AND expires_at > :now
				""")
			.param("hash", stateHash)
			.param("provider", providerId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

}
