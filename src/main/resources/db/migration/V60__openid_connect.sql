-- The OpenID Connect provider's storage, shared by every node that serves the issuer.
-- Spring Authorization Server's three tables keep its column names, but its 'blob' columns are VARCHAR here:
-- the same type on H2 and PostgreSQL, read and written as text by its JDBC services on both.

CREATE TABLE oauth2_registered_client (
	id VARCHAR(100) PRIMARY KEY,
	client_id VARCHAR(100) NOT NULL,
	client_id_issued_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
	client_secret VARCHAR(200),
	client_secret_expires_at TIMESTAMP WITH TIME ZONE,
	client_name VARCHAR(200) NOT NULL,
	client_authentication_methods VARCHAR(1000) NOT NULL,
	authorization_grant_types VARCHAR(1000) NOT NULL,
	redirect_uris VARCHAR(4000),
	post_logout_redirect_uris VARCHAR(4000),
	scopes VARCHAR(1000) NOT NULL,
	client_settings VARCHAR(2000) NOT NULL,
	token_settings VARCHAR(2000) NOT NULL,
	CONSTRAINT oauth2_registered_client_client_id_uq UNIQUE (client_id)
);

-- What the console adds to a client: whether it may be used, and who registered it when.
CREATE TABLE oidc_client (
	registered_client_id VARCHAR(100) PRIMARY KEY,
	enabled BOOLEAN NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	secret_rotated_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT oidc_client_registered_fk FOREIGN KEY (registered_client_id)
		REFERENCES oauth2_registered_client (id) ON DELETE CASCADE
);

CREATE TABLE oauth2_authorization (
	id VARCHAR(100) PRIMARY KEY,
	registered_client_id VARCHAR(100) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	authorization_grant_type VARCHAR(100) NOT NULL,
	authorized_scopes VARCHAR(1000),
	attributes VARCHAR(100000),
	state VARCHAR(500),
	authorization_code_value VARCHAR(1000),
	authorization_code_issued_at TIMESTAMP WITH TIME ZONE,
	authorization_code_expires_at TIMESTAMP WITH TIME ZONE,
	authorization_code_metadata VARCHAR(10000),
	access_token_value VARCHAR(20000),
	access_token_issued_at TIMESTAMP WITH TIME ZONE,
	access_token_expires_at TIMESTAMP WITH TIME ZONE,
	access_token_metadata VARCHAR(40000),
	access_token_type VARCHAR(100),
	access_token_scopes VARCHAR(1000),
	oidc_id_token_value VARCHAR(20000),
	oidc_id_token_issued_at TIMESTAMP WITH TIME ZONE,
	oidc_id_token_expires_at TIMESTAMP WITH TIME ZONE,
	oidc_id_token_metadata VARCHAR(40000),
	refresh_token_value VARCHAR(1000),
	refresh_token_issued_at TIMESTAMP WITH TIME ZONE,
	refresh_token_expires_at TIMESTAMP WITH TIME ZONE,
	refresh_token_metadata VARCHAR(10000),
	user_code_value VARCHAR(1000),
	user_code_issued_at TIMESTAMP WITH TIME ZONE,
	user_code_expires_at TIMESTAMP WITH TIME ZONE,
	user_code_metadata VARCHAR(10000),
	device_code_value VARCHAR(1000),
	device_code_issued_at TIMESTAMP WITH TIME ZONE,
	device_code_expires_at TIMESTAMP WITH TIME ZONE,
	device_code_metadata VARCHAR(10000)
);

CREATE INDEX oauth2_authorization_state_ix ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code_ix ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_refresh_ix ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_client_ix ON oauth2_authorization (registered_client_id);

CREATE TABLE oauth2_authorization_consent (
	registered_client_id VARCHAR(100) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	authorities VARCHAR(1000) NOT NULL,
	PRIMARY KEY (registered_client_id, principal_name)
);

-- The signed-in session an authorization was granted in, so that ending the session revokes its tokens.
-- The session's id is followed when it is renewed; the link goes when the authorization or the session goes.
CREATE TABLE oidc_session_authorization (
	authorization_id VARCHAR(100) PRIMARY KEY,
	session_id CHAR(36) NOT NULL,
	CONSTRAINT oidc_session_authorization_authorization_fk FOREIGN KEY (authorization_id)
		REFERENCES oauth2_authorization (id) ON DELETE CASCADE,
	CONSTRAINT oidc_session_authorization_session_fk FOREIGN KEY (session_id)
		REFERENCES signed_in_session (session_id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE INDEX oidc_session_authorization_session_ix ON oidc_session_authorization (session_id);

-- The RSA keys that sign tokens: one per rotation period (the unique generation lets one node win the insert
-- when several start a period at once), the private key sealed under the master key.
CREATE TABLE oidc_signing_key (
	kid VARCHAR(64) PRIMARY KEY,
	generation BIGINT NOT NULL,
	public_key VARCHAR(2000) NOT NULL,
	sealed_private_key VARCHAR(8000) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT oidc_signing_key_generation_uq UNIQUE (generation)
);
