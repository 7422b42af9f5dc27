-- The shortest password accepted while 2FA is required; NIST SP 800-63B-4 allows 8 only inside MFA.
ALTER TABLE organisation_policy ADD COLUMN password_min_length_with_two_factor INT DEFAULT 15 NOT NULL;
