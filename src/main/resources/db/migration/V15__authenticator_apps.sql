-- Authenticator apps (TOTP, RFC 6238): at most one in use per account, and at most one waiting for its
-- first code. Secrets are encrypted under the master key. last_used_step holds the time step of the last
-- accepted code, so that no code is accepted twice, on any node.
CREATE TABLE authenticator_app (
	account_id BIGINT PRIMARY KEY,
	sealed_secret VARCHAR(200),
	confirmed_at TIMESTAMP WITH TIME ZONE,
	last_used_step BIGINT,
	pending_sealed_secret VARCHAR(200),
	pending_since TIMESTAMP WITH TIME ZONE,
	CONSTRAINT authenticator_app_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);
