-- Sessions are stored under the SHA-256 of the secret their cookie carries (64 hex characters), no longer under
-- the cookie's value itself, so that a dump or backup of the database opens no session.
--
-- The sessions open at upgrade were stored under their cookie's value: the cookie is now hashed before it is
-- looked up, so none of them can be opened again and their people sign in again. They are deleted rather than
-- left to expire, since until then the console would count and list sessions nobody can use, and dumps would
-- still hold values that were cookies. They are ended as the server ends a session: what applications were
-- granted through them is revoked with them.
DELETE FROM oauth2_authorization WHERE id IN (SELECT authorization_id FROM oidc_session_authorization);
DELETE FROM oidc_session_authorization;
DELETE FROM signed_in_session;
DELETE FROM ended_session;
DELETE FROM SPRING_SESSION_ATTRIBUTES;
DELETE FROM SPRING_SESSION;

ALTER TABLE oidc_session_authorization DROP CONSTRAINT oidc_session_authorization_session_fk;
ALTER TABLE SPRING_SESSION ALTER COLUMN SESSION_ID SET DATA TYPE CHAR(64);
ALTER TABLE signed_in_session ALTER COLUMN session_id SET DATA TYPE CHAR(64);
ALTER TABLE ended_session ALTER COLUMN session_id SET DATA TYPE CHAR(64);
ALTER TABLE oidc_session_authorization ALTER COLUMN session_id SET DATA TYPE CHAR(64);
ALTER TABLE oidc_session_authorization ADD CONSTRAINT oidc_session_authorization_session_fk FOREIGN KEY (session_id)
	REFERENCES signed_in_session (session_id) ON UPDATE CASCADE ON DELETE CASCADE;
