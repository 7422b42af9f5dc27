-- An administrator can delete a user. What belongs to the account alone (its links, temporary password, codes,
-- second factors, default method, opt-in and signed-in sessions) goes with its row through these foreign keys,
-- so that deleting the account is one statement whatever modules have added since. The audit log keeps no
-- foreign key: its rows stay and name the login.
ALTER TABLE account_link DROP CONSTRAINT account_link_account_fk;
ALTER TABLE account_link ADD CONSTRAINT account_link_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE temporary_password DROP CONSTRAINT temporary_password_account_fk;
ALTER TABLE temporary_password ADD CONSTRAINT temporary_password_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE code_challenge DROP CONSTRAINT code_challenge_account_fk;
ALTER TABLE code_challenge ADD CONSTRAINT code_challenge_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE email_factor DROP CONSTRAINT email_factor_account_fk;
ALTER TABLE email_factor ADD CONSTRAINT email_factor_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE authenticator_app DROP CONSTRAINT authenticator_app_account_fk;
ALTER TABLE authenticator_app ADD CONSTRAINT authenticator_app_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE phone_number DROP CONSTRAINT phone_number_account_fk;
ALTER TABLE phone_number ADD CONSTRAINT phone_number_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE default_method DROP CONSTRAINT default_method_account_fk;
ALTER TABLE default_method ADD CONSTRAINT default_method_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE signed_in_session DROP CONSTRAINT signed_in_session_account_fk;
ALTER TABLE signed_in_session ADD CONSTRAINT signed_in_session_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;

ALTER TABLE two_factor_opt_in DROP CONSTRAINT two_factor_opt_in_account_fk;
ALTER TABLE two_factor_opt_in ADD CONSTRAINT two_factor_opt_in_account_fk
	FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE;
