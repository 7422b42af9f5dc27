-- The authenticator app was offered before allowed methods were enforced: keep it allowed where it was used.
UPDATE organisation_policy SET allowed_methods = 'EMAIL_CODE,AUTHENTICATOR_APP' WHERE allowed_methods = 'EMAIL_CODE';

-- Each user's phone number (E.164), saved from My account once proven with an SMS code (or unproven while
-- SMS is not allowed). sms_since is set while the number receives sign-in codes: SMS is one of their methods.
CREATE TABLE phone_number (
	account_id BIGINT PRIMARY KEY,
	number VARCHAR(16) NOT NULL,
	confirmed_at TIMESTAMP WITH TIME ZONE,
	sms_since TIMESTAMP WITH TIME ZONE,
	CONSTRAINT phone_number_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

-- The second factor a user chose to be asked for first; without a row, the strongest they have.
CREATE TABLE default_method (
	account_id BIGINT PRIMARY KEY,
	method VARCHAR(20) NOT NULL,
	CONSTRAINT default_method_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
	CONSTRAINT default_method_ck CHECK (method IN ('EMAIL_CODE', 'AUTHENTICATOR_APP', 'SMS_CODE'))
);
