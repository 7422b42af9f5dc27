-- The pending sign-ins (by the keyed hash of their session id) whose owner was told, by email, that a right
-- password was followed by a wrong second factor. The primary key lets one notice through per sign-in, on
-- every node, however many codes fail.
CREATE TABLE second_factor_failure_notice (
	sign_in VARCHAR(64) PRIMARY KEY,
	account_id BIGINT NOT NULL,
	noticed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT second_factor_failure_notice_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE
);

CREATE INDEX second_factor_failure_notice_account_ix ON second_factor_failure_notice (account_id, noticed_at);
