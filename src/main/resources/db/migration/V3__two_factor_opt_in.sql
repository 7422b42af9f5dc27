-- Whether each user turned two-factor authentication on for themselves, as the optional mode asks: only
-- then does their sign-in ask for a second factor while 2FA is optional. A 2FA email alone does not count (it
-- may have been chosen while 2FA was required of everyone); an authenticator app in use, or a phone number
-- that receives sign-in codes, was set up by the user to be asked, and counts.
CREATE TABLE two_factor_opt_in (
	account_id BIGINT PRIMARY KEY,
	turned_on_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT two_factor_opt_in_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

INSERT INTO two_factor_opt_in (account_id, turned_on_at)
SELECT account_id, confirmed_at FROM authenticator_app WHERE confirmed_at IS NOT NULL;

INSERT INTO two_factor_opt_in (account_id, turned_on_at)
SELECT account_id, sms_since FROM phone_number
WHERE sms_since IS NOT NULL
	AND account_id NOT IN (SELECT account_id FROM two_factor_opt_in);
