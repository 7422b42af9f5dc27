-- Code challenges are deleted once the message retention (LATCHKEY_MESSAGE_RETENTION) has passed since they were
-- sent; an API verification is the record of one challenge and goes with it.
ALTER TABLE api_verification DROP CONSTRAINT api_verification_challenge_fk;
ALTER TABLE api_verification ADD CONSTRAINT api_verification_challenge_fk
	FOREIGN KEY (challenge_id) REFERENCES code_challenge (id) ON DELETE CASCADE;
