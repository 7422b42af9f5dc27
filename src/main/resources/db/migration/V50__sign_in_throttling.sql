-- Consecutive failed sign-in steps of one account, counted per client: '*' for every browser without a
-- device cookie of this account, or the keyed hash of a device cookie's nonce for the browser holding it.
-- Every change is one conditional UPDATE, so the count and the lock hold across nodes.
CREATE TABLE sign_in_failure_counter (
	account_id BIGINT NOT NULL,
	client VARCHAR(64) NOT NULL,
	failures INT NOT NULL,
	locked_until TIMESTAMP WITH TIME ZONE,
	locked_for_good BOOLEAN NOT NULL,
	-- the end of the lock whose owner was last told, by email, that a right password met it
	notified_until TIMESTAMP WITH TIME ZONE,
	CONSTRAINT sign_in_failure_counter_pk PRIMARY KEY (account_id, client),
	CONSTRAINT sign_in_failure_counter_account_fk FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
);

-- Failed sign-in steps per client address within a window of one minute.
CREATE TABLE client_failure_window (
	client_ip VARCHAR(45) PRIMARY KEY,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	failures INT NOT NULL,
	-- set by the first refusal of the window, so a refused client is audited once per window
	refusal_audited BOOLEAN NOT NULL
);

CREATE INDEX client_failure_window_start_ix ON client_failure_window (window_start);
