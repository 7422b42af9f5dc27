-- Single-use links sent by email (account initialisation, password reset). Only a keyed hash of the token
-- is kept; a link is bound to its account and purpose.
CREATE TABLE account_link (
	token_hash VARCHAR(64) PRIMARY KEY,
	account_id BIGINT NOT NULL,
	purpose VARCHAR(30) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	used_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT account_link_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE INDEX account_link_account_ix ON account_link (account_id, purpose);
