-- The organisation's authentication policy: one row, changed only by administrators.
CREATE TABLE organisation_policy (
	id INT PRIMARY KEY,
	two_factor_mode VARCHAR(10) NOT NULL,
	allowed_methods VARCHAR(100) NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT organisation_policy_single_row_ck CHECK (id = 1),
	CONSTRAINT organisation_policy_mode_ck CHECK (two_factor_mode IN ('OFF', 'OPTIONAL', 'REQUIRED'))
);

INSERT INTO organisation_policy (id, two_factor_mode, allowed_methods) VALUES (1, 'OFF', 'EMAIL_CODE');
