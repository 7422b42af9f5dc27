-- The temporary single-use password an administrator generates for a user: at most one per account (a new one
-- replaces the earlier one), kept only as an Argon2 hash. While the row exists the account's previous password
-- no longer opens it; the row goes when the user has chosen a new password.
CREATE TABLE temporary_password (
	account_id BIGINT PRIMARY KEY,
	password_hash VARCHAR(255) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	used_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT temporary_password_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);
