-- Who is signed in on which session, and how: lets an administrator end sessions by user or by method
-- (for example every session except those opened through SSO) in one statement.
CREATE TABLE signed_in_session (
	session_id CHAR(36) PRIMARY KEY,
	account_id BIGINT NOT NULL,
	method VARCHAR(30) NOT NULL,
	signed_in_at TIMESTAMP WITH TIME ZONE NOT NULL,
	client_ip VARCHAR(45),
	user_agent VARCHAR(255),
	CONSTRAINT signed_in_session_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE INDEX signed_in_session_account_ix ON signed_in_session (account_id);
