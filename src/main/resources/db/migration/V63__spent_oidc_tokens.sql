-- The authorization codes and refresh tokens token requests have exchanged, by the hash they were stored under.
-- A request claims the value it spends in the transaction that saves what it issued; the primary key lets one
-- request win when several present the same value at once. A claim goes with its authorization.
CREATE TABLE oidc_spent_token (
	token_hash VARCHAR(64) PRIMARY KEY,
	authorization_id VARCHAR(100) NOT NULL,
	CONSTRAINT oidc_spent_token_authorization_fk FOREIGN KEY (authorization_id)
		REFERENCES oauth2_authorization (id) ON DELETE CASCADE
);

CREATE INDEX oidc_spent_token_authorization_ix ON oidc_spent_token (authorization_id);

-- Bearer tokens presented to the userinfo, introspection and revocation endpoints, and ID tokens given as
-- id_token_hint, are looked up by their stored hash: without these, each lookup read the whole table.
CREATE INDEX oauth2_authorization_access_ix ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_id_token_ix ON oauth2_authorization (oidc_id_token_value);
